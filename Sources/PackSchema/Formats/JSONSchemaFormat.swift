/// The `format` values the validator can assert, with their checkers.
///
/// Formats are annotations unless ``JSONSchemaOptions/assertsFormat`` is set (or a meta-schema
/// enables the format-assertion vocabulary). Unknown format names are always ignored. Only strings
/// are checked; other instance types pass every format.
public enum JSONSchemaFormat {
    /// The names of the formats that are checked when format assertion is on.
    public static let supportedNames: [String] = Array(checkers.keys).sorted()

    /// Whether `value` is valid for the format `name`; `nil` when the format is unknown.
    public static func check(_ value: String, format name: String) -> Bool? {
        checkers[name].map { $0(value) }
    }

    static let checkers: [String: @Sendable (String) -> Bool] = [
        "date-time": DateTimeFormats.isDateTime,
        "date": DateTimeFormats.isDate,
        "time": DateTimeFormats.isTime,
        "duration": DateTimeFormats.isDuration,
        "email": { InternetFormats.isEmail($0, international: false) },
        "idn-email": { InternetFormats.isEmail($0, international: true) },
        "hostname": { InternetFormats.isHostname($0, international: false) },
        "idn-hostname": { InternetFormats.isHostname($0, international: true) },
        "ipv4": InternetFormats.isIPv4,
        "ipv6": InternetFormats.isIPv6,
        "uri": { URIFormats.isURI($0, requireScheme: true, international: false) },
        "uri-reference": { URIFormats.isURI($0, requireScheme: false, international: false) },
        "iri": { URIFormats.isURI($0, requireScheme: true, international: true) },
        "iri-reference": { URIFormats.isURI($0, requireScheme: false, international: true) },
        "uri-template": URIFormats.isURITemplate,
        "uuid": PointerFormats.isUUID,
        "regex": { (try? ECMARegex($0)) != nil },
        "json-pointer": PointerFormats.isJSONPointer,
        "relative-json-pointer": PointerFormats.isRelativeJSONPointer,
    ]
}
