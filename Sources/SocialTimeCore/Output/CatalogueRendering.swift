/// The roster and the catalogues as tables, JSON or CSV.
public enum CatalogueRendering {
    public enum Format: Sendable { case text, json, csv }

    public static func describe(_ member: StaffMember) -> String {
        "\(member.handle) (\(member.name)), \(member.role.rawValue)" + (member.active ? "" : ", deactivated")
    }

    public static func staff(_ members: [StaffMember], format: Format) -> String {
        let header = ["staff", "name", "role", "active"]
        let rows: [[String]] = members.map { [$0.handle.value, $0.name, $0.role.rawValue, $0.active ? "true" : "false"] }
        return render(header: header, rows: rows, key: "staff", format: format, empty: "Nobody is on the roster yet: `socialtime log` registers you, `socialtime staff add` adds others.")
    }

    public static func networks(_ networks: [Network], format: Format) -> String {
        if format == .json {
            return JSON.object([("networks", .array(networks.map {
                .object([("network", .string($0.key)), ("name", .string($0.name)), ("aliases", .array($0.aliases.map(JSON.string)))])
            }))]).serialized(pretty: true) + "\n"
        }
        let rows = networks.map { [$0.key, $0.name, $0.aliases.joined(separator: " ")] }
        return render(header: ["network", "name", "aliases"], rows: rows, key: "networks", format: format, empty: "No networks.")
    }

    public static func outcomes(_ outcomes: [Outcome], format: Format) -> String {
        if format == .json {
            return JSON.object([("outcomes", .array(outcomes.map {
                .object([("outcome", .string($0.key)), ("unit", .optional($0.unit)), ("retired", .bool($0.retired)),
                         ("description", .string($0.description))])
            }))]).serialized(pretty: true) + "\n"
        }
        let rows = outcomes.map { [$0.key, $0.unit ?? "", $0.retired ? "retired" : "active", $0.description] }
        return render(header: ["outcome", "unit", "status", "description"], rows: rows, key: "outcomes", format: format, empty: "No outcomes.")
    }

    /// Text, CSV, or JSON (an object holding an array of objects keyed by the header) of plain rows.
    static func render(header: [String], rows: [[String]], key: String, format: Format, empty: String) -> String {
        switch format {
        case .csv:
            var writer = CSVWriter(dialect: .rfc4180)
            writer.writeHeader(header)
            for row in rows { writer.writeRow(row.map(CSVField.text)) }
            return writer.output
        case .json:
            return JSON.object([(key, .array(rows.map { row in
                .object(zip(header, row).map { ($0, JSON.string($1)) })
            }))]).serialized(pretty: true) + "\n"
        case .text:
            guard !rows.isEmpty else { return empty + "\n" }
            var table = TextTable(header.map { ($0.uppercased(), .left) }, maxWidths: header.map { $0 == "description" ? 50 : nil })
            for row in rows { table.append(row) }
            return table.rendered() + "\n"
        }
    }
}
