import Foundation
import QueryableSchema

/// Failures of calling core through its JavaScript bundle.
public enum CoreHostError: Error, Equatable {
    /// The bundle file at `path` could not be read.
    case bundleUnreadable(path: String, reason: String)
    /// Evaluating the bundle raised a JavaScript exception.
    case bundleEvaluationFailed(message: String)
    /// The bundle defines no `QueryableCore.handle` function.
    case entryPointMissing
    /// SwiftProtobuf could not encode the request.
    case requestEncodingFailed(reason: String)
    /// A JavaScriptCore call raised an exception; `operation` names the call.
    case javaScriptException(operation: String, message: String)
    /// `QueryableCore.handle` returned something other than a Uint8Array.
    case unexpectedResult(description: String)
    /// The returned bytes are not a valid queryable.v1.Response.
    case responseDecodingFailed(reason: String)
    /// The response echoes another request id than the one sent.
    case requestIDMismatch(sent: UInt32, received: UInt32)
    /// Core rejected the request. `code` and `message` are core's, unchanged:
    /// match on `code`, never on the message.
    case rejected(code: Queryable_V1_Error.Code, message: String)
}

extension CoreHostError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case let .bundleUnreadable(path, reason):
            return "Core bundle \(path) could not be read: \(reason). Add dist/queryable-core.js to the app target's resources."
        case let .bundleEvaluationFailed(message):
            return "Core bundle failed to load: \(message)"
        case .entryPointMissing:
            return "Core bundle defines no QueryableCore.handle function; rebuild it with `node build.mjs`."
        case let .requestEncodingFailed(reason):
            return "Request could not be encoded: \(reason)"
        case let .javaScriptException(operation, message):
            return "\(operation) raised a JavaScript exception: \(message)"
        case let .unexpectedResult(description):
            return "QueryableCore.handle returned \(description) instead of a Uint8Array."
        case let .responseDecodingFailed(reason):
            return "Core response could not be decoded: \(reason)"
        case let .requestIDMismatch(sent, received):
            return "Core answered request \(received) to request \(sent)."
        case let .rejected(code, message):
            return "Core rejected the request (\(code)): \(message)"
        }
    }
}
