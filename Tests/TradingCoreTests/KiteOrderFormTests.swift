import Testing
import TradingCore

@Suite("Kite order form")
struct KiteOrderFormTests {
    @Test("an SL-M stop: fields Kite documents, trigger in rupees, tag ≤ 20 characters")
    func stop() {
        let request = OrderRequest(clientOrderId: "P-0123456789abcdef01234567-S.2", symbol: "NIFTY24D1924000CE", side: .sell,
                                   type: .stopMarket, quantity: 150, trigger: Paise(12345))
        let fields = Dictionary(uniqueKeysWithValues: KiteOrderForm.place(request, exchange: "NFO", product: "MIS"))
        #expect(fields["tradingsymbol"] == "NIFTY24D1924000CE")
        #expect(fields["exchange"] == "NFO")
        #expect(fields["transaction_type"] == "SELL")
        #expect(fields["order_type"] == "SL-M")
        #expect(fields["quantity"] == "150")
        #expect(fields["trigger_price"] == "123.45")
        #expect(fields["price"] == nil)
        #expect(fields["validity"] == "DAY")
        let tag = fields["tag"] ?? ""
        #expect(tag.count <= KiteOrderTag.maxLength)
        #expect(tag == KiteOrderTag.tag(forClientOrderId: request.clientOrderId))
        #expect(tag != KiteOrderTag.tag(forClientOrderId: "P-0123456789abcdef01234567-S"))
    }

    @Test("a LIMIT target sends its price; a MARKET exit neither price nor trigger")
    func limitAndMarket() {
        let target = KiteOrderForm.place(OrderRequest(clientOrderId: "a", symbol: "X", side: .sell, type: .limit, quantity: 75,
                                                      price: Paise(10005)), exchange: "NFO", product: "NRML")
        #expect(target.contains { $0 == ("price", "100.05") })
        let exit = KiteOrderForm.place(OrderRequest(clientOrderId: "b", symbol: "X", side: .buy, type: .market, quantity: 75),
                                       exchange: "NFO", product: "MIS", marketProtection: -1)
        #expect(!exit.contains { $0.0 == "price" || $0.0 == "trigger_price" })
        #expect(exit.contains { $0 == ("market_protection", "-1") })
    }

    @Test("form encoding escapes everything but unreserved characters")
    func encoding() {
        #expect(KiteOrderForm.encode([("tradingsymbol", "M&M"), ("order_type", "SL-M"), ("x", "a b/c=d")])
            == "tradingsymbol=M%26M&order_type=SL-M&x=a%20b%2Fc%3Dd")
    }
}
