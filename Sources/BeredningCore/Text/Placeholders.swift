/// Fills the `{name}` (or `{{name}}`) places of a text in one pass. A value is never read
/// again, so a title that holds `{received}` or `{{id}}` is shown as typed: user text is never
/// a template. A name without a value is left as it stands.
public enum Placeholders {
    public static func fill(_ template: String, open: String = "{", close: String = "}", _ value: (String) -> String?) -> String {
        var result = ""
        var rest = template[...]
        while let start = rest.range(of: open) {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: close),
                  let filled = value(String(rest[start.upperBound..<end.lowerBound])) else {
                result += open
                rest = rest[start.upperBound...]
                continue
            }
            result += filled
            rest = rest[end.upperBound...]
        }
        return result + rest
    }
}
