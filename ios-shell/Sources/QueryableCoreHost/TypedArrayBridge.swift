import Foundation
import JavaScriptCore

/// Moves bytes between Swift and Uint8Arrays of one context through the
/// JavaScriptCore C API, which JSValue does not expose.
enum TypedArrayBridge {
    /// Creates a Uint8Array in `context` over a native copy of `bytes`.
    ///
    /// The array owns the copy and frees it when it is collected. The caller
    /// must protect the array (JSValueProtect) for as long as it uses it.
    static func makeUint8Array(copying bytes: Data, in context: JSContextRef) throws -> JSObjectRef {
        let count = bytes.count
        let storage = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        bytes.copyBytes(to: storage.assumingMemoryBound(to: UInt8.self), count: count)

        var exception: JSValueRef?
        // JavaScriptCore calls the deallocator when the array is collected,
        // and also when creation raises an exception, so the storage is never freed here.
        let array = JSObjectMakeTypedArrayWithBytesNoCopy(
            context,
            kJSTypedArrayTypeUint8Array,
            storage,
            count,
            { bytes, _ in bytes?.deallocate() },
            nil,
            &exception
        )
        try check(exception, operation: "JSObjectMakeTypedArrayWithBytesNoCopy", in: context)
        guard let array else {
            throw CoreHostError.javaScriptException(
                operation: "JSObjectMakeTypedArrayWithBytesNoCopy",
                message: "returned no array for \(count) bytes"
            )
        }
        return array
    }

    /// Copies the bytes of the Uint8Array `value` out of `context`.
    ///
    /// The caller must protect `value` until this returns.
    static func copyUint8Array(_ value: JSValueRef, in context: JSContextRef) throws -> Data {
        var exception: JSValueRef?
        let type = JSValueGetTypedArrayType(context, value, &exception)
        try check(exception, operation: "JSValueGetTypedArrayType", in: context)
        guard type == kJSTypedArrayTypeUint8Array else {
            throw CoreHostError.unexpectedResult(description: "a value of typed array type \(type.rawValue)")
        }

        let offset = JSObjectGetTypedArrayByteOffset(context, value, &exception)
        try check(exception, operation: "JSObjectGetTypedArrayByteOffset", in: context)
        let length = JSObjectGetTypedArrayByteLength(context, value, &exception)
        try check(exception, operation: "JSObjectGetTypedArrayByteLength", in: context)
        let base = JSObjectGetTypedArrayBytesPtr(context, value, &exception)
        try check(exception, operation: "JSObjectGetTypedArrayBytesPtr", in: context)
        guard let base else {
            throw CoreHostError.unexpectedResult(description: "a Uint8Array without a backing store")
        }

        // The pointer is the start of the whole ArrayBuffer. protobufjs returns
        // views into shared slabs, so the view's own offset must be added.
        return Data(bytes: base.advanced(by: offset), count: length)
    }

    /// Throws when a C API call stored an exception in its out-parameter.
    static func check(_ exception: JSValueRef?, operation: String, in context: JSContextRef) throws {
        guard let exception else { return }
        throw CoreHostError.javaScriptException(operation: operation, message: describe(exception, in: context))
    }

    /// Returns the string form of a JavaScript value, as `String(value)` would.
    static func describe(_ value: JSValueRef, in context: JSContextRef) -> String {
        guard let string = JSValueToStringCopy(context, value, nil) else { return "(value without a string form)" }
        defer { JSStringRelease(string) }
        return JSStringCopyCFString(kCFAllocatorDefault, string) as String
    }
}
