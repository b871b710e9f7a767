import Testing
@testable import SocialTimeCore

/// `db path` shows where the data lives without giving a password away.
@Suite struct DatabaseLocationTests {
    @Test(arguments: [
        ("postgresql://anna:s3cret@db.example.com:5432/team", "postgresql://anna@db.example.com:5432/team"),
        ("postgres://anna:s3cret@db.example.com/team?sslmode=verify-full", "postgres://anna@db.example.com/team?sslmode=verify-full"),
        ("postgresql://db.example.com/team?user=anna&password=s3cret&sslmode=require", "postgresql://db.example.com/team?user=anna&sslmode=require"),
        ("postgresql://db.example.com/team?password=s3cret", "postgresql://db.example.com/team"),
        ("postgresql://anna@db.example.com/team", "postgresql://anna@db.example.com/team"),
        ("/home/anna/socialtime:s3cret@x.db", "/home/anna/socialtime:s3cret@x.db"),
    ])
    func aServerURLIsShownWithoutItsPassword(typed: String, shown: String) {
        let location = DatabaseLocation.Resolved(path: typed, source: "--db")
        #expect(location.shown == shown)
    }
}
