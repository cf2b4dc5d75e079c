extension String {
    /// Calls `body` with the string's UTF-8 bytes as one buffer: a loop over a buffer is several
    /// times faster than one over `utf8`, which matters for checks run on every person. Short
    /// strings (all SEN2 codes and identifiers) are copied to the stack; a bridged string that has
    /// no contiguous storage is copied into an array.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(utf8).withUnsafeBufferPointer(body)
    }
}
