extension JSONValue {
    /// Returns the RFC 8785 (JSON Canonicalization Scheme) text of the value.
    ///
    /// Object keys are sorted by UTF-16 code units, there is no whitespace, strings use the
    /// minimal escaping of RFC 8785 section 3.2.2.2, and numbers are written the way ECMAScript
    /// writes the nearest double (`1e21` becomes `1e+21`, `-0` becomes `0`, and integers beyond
    /// 2^53 are rounded like any double).
    ///
    /// RFC 8785 cannot represent numbers beyond the double range; such numbers (for example
    /// `1e400`) are written in their exact JSON form instead of failing.
    public func canonicalized() -> String {
        var writer = JSONWriter(style: .compact, keyOrder: .utf16, numberStyle: .ecmaScript)
        writer.write(self)
        return String(decoding: writer.output, as: UTF8.self)
    }
}

extension JSONNumber {
    /// The number as ECMAScript's `Number::toString` writes its nearest double.
    public var ecmaScriptText: String {
        var bytes: [UInt8] = []
        appendECMAScriptText(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    func appendECMAScriptText(to output: inout [UInt8]) {
        switch storage {
        case .int(let value) where value.magnitude <= 9_007_199_254_740_992:
            IntegerText.append(value, to: &output)
        case .int(let value):
            ECMAScriptNumberFormatter.append(Double(value), to: &output)
        case .double(let value):
            ECMAScriptNumberFormatter.append(value, to: &output)
        case .decimal(let decimal):
            let nearest = decimal.nearestDouble
            if nearest.isFinite {
                ECMAScriptNumberFormatter.append(nearest, to: &output)
            } else {
                appendText(to: &output)
            }
        }
    }
}
