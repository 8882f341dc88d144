import Foundation
import Testing
import TradingCore

@Suite("Kite errors")
struct KiteErrorTests {
    @Test("Kite's error types: transient only where retrying can help", arguments: [
        (403, "TokenException", false), (400, "InputException", false), (400, "OrderException", false),
        (400, "MarginException", false), (403, "PermissionException", false), (502, "NetworkException", true),
        (503, "NetworkException", true), (429, "GeneralException", true), (500, "GeneralException", true),
        (400, "UserException", false), (500, "DataException", false),
    ])
    func classification(status: Int, type: String, transient: Bool) {
        let body = Data(#"{"status":"error","message":"m","data":null,"error_type":"\#(type)"}"#.utf8)
        let error = KiteResponse.error(httpStatus: status, body: body)
        #expect(error.isTransient == transient)
        #expect(error.brokerError.isTransient == transient)
        #expect(error.errorType == type)
        #expect(error.httpStatus == status)
    }

    @Test("a status without Kite's body still maps: 429 and 5xx transient, 4xx final")
    func bareStatus() {
        #expect(KiteResponse.error(httpStatus: 429, body: Data()).isTransient)
        #expect(KiteResponse.error(httpStatus: 504, body: Data("<html>gateway</html>".utf8)).isTransient)
        #expect(!KiteResponse.error(httpStatus: 404, body: Data()).isTransient)
        #expect(KiteError.transport("connection refused").isTransient)
        #expect(!KiteError.malformed("x").isTransient)
    }

    @Test("a token error means the session is gone; a margin error is a rejection")
    func meanings() throws {
        let token = KiteError.api(httpStatus: 403, errorType: "TokenException", message: "Incorrect `api_key` or `access_token`.")
        #expect(token.isSessionExpired)
        #expect(!token.brokerError.isTransient)
        let margin = KiteError.api(httpStatus: 400, errorType: "MarginException", message: "Insufficient funds")
        #expect(margin.brokerError.rejection == .insufficientMargin)
    }

    @Test("an error envelope inside a 200 is still an error; a success without data is malformed")
    func envelopes() {
        #expect(throws: KiteError.self) {
            try KiteResponse.decode(KitePlacement.self, httpStatus: 200,
                                    body: Data(#"{"status":"error","message":"x","error_type":"OrderException"}"#.utf8))
        }
        #expect(throws: KiteError.self) {
            try KiteResponse.decode(KitePlacement.self, httpStatus: 200, body: Data(#"{"status":"success"}"#.utf8))
        }
        #expect(throws: KiteError.self) {
            try KiteResponse.decode([KiteOrder].self, httpStatus: 200, body: Data("garbage".utf8))
        }
    }
}
