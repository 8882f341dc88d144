import Foundation
import Testing
import TradingCore

/// Kite Connect v3's real response bodies in ../shared/data/kite, parsed by the core.
@Suite("Kite order bodies")
struct KiteOrderParsingTests {
    static func body(_ file: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: sharedDataPath("kite/" + file)))
    }

    @Test("orders.json: every order, prices in paise from decimals, statuses, tags")
    func orders() throws {
        let orders = try KiteResponse.decode([KiteOrder].self, httpStatus: 200, body: Self.body("orders.json"))
        #expect(orders.count == 10)
        let ioc = try #require(orders.first { $0.orderId == "300000000000000" })
        #expect(ioc.price == Paise(10940))
        #expect(ioc.averagePrice == Paise(10940))
        #expect(ioc.status == .complete)
        #expect(ioc.side == .buy)
        #expect(ioc.filledQuantity == 1)
        #expect(ioc.orderTimestamp == KiteTimestamp.parse("2021-05-31 15:20:28"))
        #expect(orders[0].status == .cancelled)
        #expect(orders[0].cancelledQuantity == 1)
        let iceberg = try #require(orders.first { $0.orderId == "220524001859672" })
        #expect(iceberg.status == .rejected)
        #expect(iceberg.tag == "icebergord")
        let sliced = try #require(orders.last)
        #expect(sliced.tradingSymbol == "NIFTY2580724400CE")
        #expect(sliced.exchange == "NFO")
        #expect(sliced.averagePrice == Paise(1230))
        #expect(sliced.filledQuantity == 150)
        #expect(sliced.tags == ["autoslice", "autoslice:1953367517640548352"])
        let mktp = orders[8]
        #expect(mktp.price == Paise(15982))
        #expect(mktp.averagePrice == Paise(15670))
    }

    @Test("order_info.json: an order's history, transient states count as working")
    func orderHistory() throws {
        let history = try KiteResponse.decode([KiteOrder].self, httpStatus: 200, body: Self.body("order_info.json"))
        #expect(history.map(\.statusText) == ["PUT ORDER REQ RECEIVED", "VALIDATION PENDING", "OPEN PENDING", "OPEN",
                                               "MODIFY VALIDATION PENDING", "MODIFY PENDING", "MODIFIED", "OPEN"])
        // Every state of the order's life so far is a working one, none unknown, none final.
        #expect(history.allSatisfy { $0.status == .working })
        #expect(history[0].exchangeOrderId == nil)
        #expect(KiteOrderStatus("COMPLETE").isFinal)
        #expect(KiteOrderStatus("SOMETHING NEW") == .unknown("SOMETHING NEW"))
    }

    @Test("placement, autoslice, modify and cancel answers")
    func placements() throws {
        let placed = try KiteResponse.decode(KitePlacement.self, httpStatus: 200, body: Self.body("order_response.json"))
        #expect(placed.orderId == "151220000000000")
        #expect(placed.children.isEmpty)
        let sliced = try KiteResponse.decode(KitePlacement.self, httpStatus: 200, body: Self.body("autoslice_response.json"))
        #expect(sliced.orderId == "1914227164488687616")
        #expect(sliced.children.count == 4)
        #expect(sliced.children.compactMap(\.orderId).count == 3)
        let failed = try #require(sliced.children[2].error)
        #expect(failed.kiteError.isMarginShortfall)
        #expect(!failed.kiteError.isTransient)
        #expect(try KiteResponse.decode(KitePlacement.self, httpStatus: 200, body: Self.body("order_modify.json")).orderId == "151220000000000")
        #expect(try KiteResponse.decode(KitePlacement.self, httpStatus: 200, body: Self.body("order_cancel.json")).orderId == "151220000000000")
    }

    @Test("trades.json and order_trades.json: fills with exact prices, ¼-paisa prices rounded")
    func trades() throws {
        let trades = try KiteResponse.decode([KiteTrade].self, httpStatus: 200, body: Self.body("trades.json"))
        #expect(trades.count >= 4)
        #expect(trades[0].averagePrice == Paise(42065))
        #expect(trades[0].tradingSymbol == "SBIN")
        #expect(trades[0].fillTimestamp == KiteTimestamp.parse("2021-05-31 09:16:39"))
        #expect(trades[1].averagePrice == Paise(7276))      // 72.755 → 72.76
        let orderTrades = try KiteResponse.decode([KiteTrade].self, httpStatus: 200, body: Self.body("order_trades.json"))
        #expect(orderTrades.count == 1)
        #expect(orderTrades[0].averagePrice == Paise(485200))
    }

    @Test("positions.json: net and day, signed quantities, P&L in paise")
    func positions() throws {
        let positions = try KiteResponse.decode(KitePositions.self, httpStatus: 200, body: Self.body("positions.json"))
        #expect(positions.net.count == 3)
        #expect(positions.day.count == 3)
        #expect(positions.net[0].tradingSymbol == "LEADMINI17DECFUT")
        #expect(positions.net[0].quantity == 1)
        #expect(positions.net[0].averagePrice == Paise(16105))
        #expect(positions.net[1].pnl == Paise(80100))
        #expect(positions.net[2].pnl == Paise(-200))
    }

    @Test("postback.json: parsed, checksum is SHA-256(order_id + order_timestamp + api_secret)")
    func postback() throws {
        let postback = try #require(KitePostback.parse(Self.body("postback.json")))
        #expect(postback.order.orderId == "220303000308932")
        #expect(postback.order.status == .complete)
        #expect(postback.order.averagePrice == Paise(47000))
        #expect(postback.checksum == "2011845d9348bd6795151bf4258102a03431e3bb12a79c0df73fcb4b7fde4b5d")
        // Reference: Python hashlib.sha256(b"2203030003089322022-03-03 09:24:25test-secret").
        #expect(postback.expectedChecksum(apiSecret: "test-secret")
            == "fc630efec34b09fb67f84c10c6a9906c8341bb164ac3e5e0d3b5958fb02c3887")
        #expect(!postback.isAuthentic(apiSecret: "test-secret"))
        var signed = postback
        signed.checksum = "FC630EFEC34B09FB67F84C10C6A9906C8341BB164AC3E5E0D3B5958FB02C3887"
        #expect(signed.isAuthentic(apiSecret: "test-secret"))
        #expect(!signed.isAuthentic(apiSecret: "test-secreT"))
        let update = postback.order.update(clientOrderId: "P-x-E", receivedAt: Date(timeIntervalSince1970: 0))
        #expect(update.state == .complete)
        #expect(update.filledQuantity == 1)
        #expect(update.averagePrice == Paise(47000))
        #expect(update.at == KiteTimestamp.parse("2022-03-03 09:24:25"))
    }

    @Test("a body that is not a postback is refused, not a crash", arguments: [
        "", "not json", "{}", #"{"order_id":"1"}"#, #"[1,2]"#,
    ])
    func malformedPostback(body: String) {
        #expect(KitePostback.parse(Data(body.utf8)) == nil)
    }

    @Test("a postback without a checksum is refused")
    func postbackWithoutChecksum() throws {
        var json = try #require(try JSONSerialization.jsonObject(with: Self.body("postback.json")) as? [String: Any])
        json["checksum"] = nil
        #expect(KitePostback.parse(try JSONSerialization.data(withJSONObject: json)) == nil)
    }

    @Test("Kite timestamps are IST wall-clock times")
    func timestamps() {
        #expect(KiteTimestamp.parse("2022-03-03 09:24:25") == utcInstant(2022, 3, 3, 3, 54, 25))
        #expect(KiteTimestamp.parse("2022-02-30 09:24:25") == nil)
        #expect(KiteTimestamp.parse("09:24:25") == nil)
        #expect(KiteTimestamp.parse("2022-03-03T09:24:25") == nil)
    }

    @Test("prices: decimals to paise without Double", arguments: [
        ("109.4", Int64(10940)), ("4852", 485200), ("0.05", 5), ("72.755", 7276), ("72.7549", 7275), ("-0.005", -1),
        ("24734.05", 2473405),
    ])
    func prices(text: String, paise: Int64) throws {
        #expect(KitePrice.paise(try #require(Decimal(string: text))) == Paise(paise))
    }
}
