/// RFC 3339 `date-time`, `date`, `time` and `duration`, checked on ASCII bytes.
enum DateTimeFormats {
    @Sendable static func isDateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else {
            return false
        }
        return date(bytes[0..<10]) && time(bytes[11...])
    }

    @Sendable static func isDate(_ text: String) -> Bool {
        date(Array(text.utf8)[...])
    }

    @Sendable static func isTime(_ text: String) -> Bool {
        time(Array(text.utf8)[...])
    }

    private static func digits(_ bytes: ArraySlice<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start >= bytes.startIndex, start + count <= bytes.endIndex else { return nil }
        var value = 0
        for index in start..<(start + count) {
            let byte = bytes[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// `full-date = date-fullyear "-" date-month "-" date-mday`.
    private static func date(_ bytes: ArraySlice<UInt8>) -> Bool {
        let s = bytes.startIndex
        guard bytes.count == 10, bytes[s + 4] == UInt8(ascii: "-"), bytes[s + 7] == UInt8(ascii: "-"),
            let year = digits(bytes, s, 4), let month = digits(bytes, s + 5, 2), let day = digits(bytes, s + 8, 2)
        else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// `full-time = partial-time time-offset`, with the leap-second rule applied in UTC.
    private static func time(_ bytes: ArraySlice<UInt8>) -> Bool {
        let s = bytes.startIndex
        guard bytes.count >= 9, bytes[s + 2] == UInt8(ascii: ":"), bytes[s + 5] == UInt8(ascii: ":"),
            let hour = digits(bytes, s, 2), let minute = digits(bytes, s + 3, 2), let second = digits(bytes, s + 6, 2)
        else { return false }
        guard hour <= 23, minute <= 59, second <= 60 else { return false }
        var index = s + 8
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.endIndex, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > fractionStart else { return false }
        }
        guard index < bytes.endIndex else { return false }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.endIndex else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.endIndex - index == 6, bytes[index + 3] == UInt8(ascii: ":"),
                let offsetHour = digits(bytes, index + 1, 2), let offsetMinute = digits(bytes, index + 4, 2),
                offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        if second == 60 {
            // A leap second exists only at 23:59:60 UTC.
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    /// RFC 3339 appendix A `duration`: `P` followed by date and/or time parts in order, or weeks alone.
    @Sendable static func isDuration(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.first == UInt8(ascii: "P"), bytes.count > 1 else { return false }
        var index = 1
        /// Reads `digits unit`, returning the unit byte.
        func component() -> UInt8? {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > start, index < bytes.count else { return nil }
            let unit = bytes[index]
            index += 1
            return unit
        }
        var dateUnits: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: "T") {
            guard let unit = component() else { return false }
            dateUnits.append(unit)
        }
        var timeUnits: [UInt8] = []
        var hasTimeSeparator = false
        if index < bytes.count {
            hasTimeSeparator = true
            index += 1
            while index < bytes.count {
                guard let unit = component() else { return false }
                timeUnits.append(unit)
            }
        }
        let Y = UInt8(ascii: "Y"), M = UInt8(ascii: "M"), D = UInt8(ascii: "D"), W = UInt8(ascii: "W")
        let H = UInt8(ascii: "H"), S = UInt8(ascii: "S")
        if dateUnits == [W] { return !hasTimeSeparator }
        let validDates: [[UInt8]] = [[], [D], [M], [M, D], [Y], [Y, M], [Y, M, D]]
        let validTimes: [[UInt8]] = [[H], [H, M], [H, M, S], [M], [M, S], [S]]
        guard validDates.contains(dateUnits) else { return false }
        if hasTimeSeparator { return validTimes.contains(timeUnits) }
        return !dateUnits.isEmpty
    }
}
