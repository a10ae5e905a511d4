import Foundation
import JavaScriptCore
import os
import QueryableSchema
import SwiftProtobuf

/// Runs dist/queryable-core.js in a JSContext and serves requests through
/// `QueryableCore.handle`, one at a time on a private serial queue.
///
/// An app's JSContext runs without the JIT on iOS, so long requests (opening
/// a large index, a first sync) take seconds: call `handle` off the main thread.
public final class JavaScriptCoreHost: CoreHosting, @unchecked Sendable {
    // Every use of `context`, `handleFunction` and `lastRequestID` happens on `queue`.
    private let queue = DispatchQueue(label: "app.queryable.core-host")
    private let context: JSContext
    private let handleFunction: JSValue
    private var lastRequestID: UInt32 = 0
    private let logger = Logger(subsystem: "app.queryable", category: "core-host")

    /// Loads the core bundle at `bundleURL` into a new context.
    /// - Throws: `CoreHostError.bundleUnreadable`, `.bundleEvaluationFailed` or `.entryPointMissing`.
    public init(bundleURL: URL) throws {
        let source: String
        do {
            source = try String(contentsOf: bundleURL, encoding: .utf8)
        } catch {
            throw CoreHostError.bundleUnreadable(path: bundleURL.path, reason: error.localizedDescription)
        }

        guard let context = JSContext() else {
            throw CoreHostError.bundleEvaluationFailed(message: "JSContext could not be created")
        }
        context.name = "Queryable core"
        context.evaluateScript(source, withSourceURL: bundleURL)
        // Without a custom exceptionHandler, JSContext stores an uncaught exception here.
        if let exception = context.exception {
            throw CoreHostError.bundleEvaluationFailed(message: exception.toString() ?? "unknown exception")
        }

        guard
            let core = context.objectForKeyedSubscript("QueryableCore"),
            let handle = core.objectForKeyedSubscript("handle"),
            let contextRef = context.jsGlobalContextRef,
            JSValueIsObject(contextRef, handle.jsValueRef),
            JSObjectIsFunction(contextRef, handle.jsValueRef)
        else {
            throw CoreHostError.entryPointMissing
        }

        self.context = context
        self.handleFunction = handle
        logger.info("Loaded core bundle \(bundleURL.lastPathComponent, privacy: .public) (\(source.utf8.count) bytes)")
    }

    public func handle(_ request: Queryable_V1_Request) throws -> Queryable_V1_Response {
        try queue.sync { try serve(request) }
    }

    private func serve(_ request: Queryable_V1_Request) throws -> Queryable_V1_Response {
        var request = request
        request.requestID = nextRequestID()

        let requestBytes: Data
        do {
            requestBytes = try request.serializedData()
        } catch {
            throw CoreHostError.requestEncodingFailed(reason: String(describing: error))
        }

        let responseBytes = try call(with: requestBytes)

        let response: Queryable_V1_Response
        do {
            response = try Queryable_V1_Response(serializedData: responseBytes)
        } catch {
            logger.error("Response of \(responseBytes.count) bytes to request \(request.requestID) is not a Response: \(String(describing: error), privacy: .public)")
            throw CoreHostError.responseDecodingFailed(reason: String(describing: error))
        }

        // Checked before the id, because core returns request_id 0 for a frame it cannot decode.
        if case let .error(coreError)? = response.kind {
            logger.notice("Core rejected request \(request.requestID) with \(String(describing: coreError.code), privacy: .public): \(coreError.message, privacy: .public)")
            throw CoreHostError.rejected(code: coreError.code, message: coreError.message)
        }
        guard response.requestID == request.requestID else {
            throw CoreHostError.requestIDMismatch(sent: request.requestID, received: response.requestID)
        }
        return response
    }

    private func call(with requestBytes: Data) throws -> Data {
        guard let contextRef = context.jsGlobalContextRef else {
            throw CoreHostError.javaScriptException(operation: "JSContext.jsGlobalContextRef", message: "context has no global context")
        }

        let requestArray = try TypedArrayBridge.makeUint8Array(copying: requestBytes, in: contextRef)
        // The array wraps native memory: keep it alive until the call has returned.
        JSValueProtect(contextRef, requestArray)
        defer { JSValueUnprotect(contextRef, requestArray) }

        var exception: JSValueRef?
        let arguments: [JSValueRef?] = [requestArray]
        let result = JSObjectCallAsFunction(contextRef, handleFunction.jsValueRef, nil, 1, arguments, &exception)
        try TypedArrayBridge.check(exception, operation: "QueryableCore.handle", in: contextRef)
        guard let result else {
            throw CoreHostError.unexpectedResult(description: "no value")
        }

        JSValueProtect(contextRef, result)
        defer { JSValueUnprotect(contextRef, result) }
        return try TypedArrayBridge.copyUint8Array(result, in: contextRef)
    }

    // Request ids wrap around and skip 0, which core uses for frames it could not decode.
    private func nextRequestID() -> UInt32 {
        lastRequestID = lastRequestID == UInt32.max ? 1 : lastRequestID + 1
        return lastRequestID
    }
}
