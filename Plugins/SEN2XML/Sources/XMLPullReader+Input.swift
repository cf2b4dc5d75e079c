import HubKit

// Loading chunks into the buffer, counting lines, placing rejections.
extension XMLPullReader {
    /// Drops the bytes before `keep`, moves the rest to the front and reads the next chunk behind
    /// them. Returns false at the end of the stream. Buffer indices held across the call must be
    /// rebased by the caller (they move down by the old `keep`).
    ///
    /// A refused character (see `XMLPullReader+Characters.swift`) is thrown here, when the parser
    /// has used every byte before it and asks for more; a mere look ahead (`lookingAhead`) stops
    /// short of it instead, so that the element it is in is open when it is thrown.
    mutating func fill(keepingFrom keep: Int, lookingAhead: Bool = false) throws -> Bool {
        if let characterProblem {
            if lookingAhead { return false }
            throw characterRejection(characterProblem)
        }
        if reachedEndOfStream { return false }
        keepPendingText()
        countLines(upTo: keep)
        let kept = loaded - keep
        if keep > 0 {
            if kept > 0 { UnsafeMutableRawPointer(buffer).copyMemory(from: buffer + keep, byteCount: kept) }
            bufferOffset += keep
            position -= keep
            tokenStart -= keep
            countedTo -= keep
            limit -= keep
            loaded = kept
        }
        if capacity - loaded < chunkSize {
            guard kept <= Self.maximumMarkupLength else {
                throw rejection("a tag or declaration longer than \(Self.maximumMarkupLength) bytes", at: 0)
            }
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            grown.update(from: buffer, count: loaded)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let count = try stream.read(into: UnsafeMutableRawBufferPointer(start: buffer + loaded,
                                                                          count: min(chunkSize, capacity - loaded)))
        if count <= 0 {
            reachedEndOfStream = true
            checkLoadedCharacters()  // a UTF-8 sequence left cut is refused now
            if !lookingAhead, let characterProblem { throw characterRejection(characterProblem) }
            return false
        }
        loaded += count
        bytesRead += count
        let checkedBefore = limit
        checkLoadedCharacters()
        if limit == checkedBefore, let characterProblem {
            if lookingAhead { return false }
            throw characterRejection(characterProblem)
        }
        return true
    }

    /// Loads input until at least `count` bytes from `position` are in the buffer, or the stream
    /// ends, or a refused character comes first (the parser meets it when it reads that far).
    mutating func ensureAvailable(_ count: Int) throws {
        while limit - position < count {
            guard try fill(keepingFrom: position, lookingAhead: true) else { return }
        }
    }

    /// Counts the newlines before buffer index `index` that are not counted yet.
    mutating func countLines(upTo index: Int) {
        guard index > countedTo else { return }
        let newlines = Self.countNewlines(UnsafeBufferPointer(start: buffer + countedTo, count: index - countedTo))
        if newlines > 0 {
            var last = index - 1
            while buffer[last] != 0x0A { last -= 1 }
            countedLine += newlines
            countedLineStart = bufferOffset + last + 1
        }
        countedTo = index
    }

    /// Counts LF bytes 16 at a time: per-lane byte counters, summed before they can overflow.
    static func countNewlines(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        let lf = SIMD16<UInt8>(repeating: 0x0A)
        var newlines = 0
        var i = 0
        while i + 16 <= count {
            var lanes = SIMD16<UInt8>()
            let blockEnd = min(i + 255 * 16, count - 15)
            while i < blockEnd {
                let chunk = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                lanes &+= SIMD16<UInt8>().replacing(with: 1, where: chunk .== lf)
                i += 16
            }
            newlines += Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while i < count {
            newlines &+= base[i] == 0x0A ? 1 : 0
            i += 1
        }
        return newlines
    }

    /// A rejection placed at buffer index `index` (1-based line; 1-based column in bytes).
    mutating func rejection(_ message: String, at index: Int) -> InputRejected {
        let index = min(max(index, 0), limit)
        if index >= countedTo {
            countLines(upTo: index)
            return InputRejected(file: fileName, line: countedLine,
                                 column: bufferOffset + index - countedLineStart + 1, message: message)
        }
        // Before the counted part (rare): count back.
        var line = countedLine
        for i in index ..< countedTo where buffer[i] == 0x0A { line -= 1 }
        var lineStart = index
        while lineStart > 0, buffer[lineStart - 1] != 0x0A { lineStart -= 1 }
        let column: Int?
        if lineStart > 0 || bufferOffset == 0 {
            column = index - lineStart + 1
        } else {
            column = line == countedLine ? bufferOffset + index - countedLineStart + 1 : nil
        }
        return InputRejected(file: fileName, line: line, column: column, message: message)
    }
}
