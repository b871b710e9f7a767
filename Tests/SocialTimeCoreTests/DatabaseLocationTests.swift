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
        // Read without Foundation: the user part ends at the authority's last '@', parameters keep their order.
        ("postgresql://anna:p@ss@db.example.com/team", "postgresql://anna@db.example.com/team"),
        ("postgresql://anna:s3cret@db.example.com", "postgresql://anna@db.example.com"),
        ("postgresql://anna:s3cret@db.example.com?sslmode=require&password=x&application_name=y", "postgresql://anna@db.example.com?sslmode=require&application_name=y"),
        ("postgresql://db.example.com/team?passwordless=1", "postgresql://db.example.com/team?passwordless=1"),
    ])
    func aServerURLIsShownWithoutItsPassword(typed: String, shown: String) {
        let location = DatabaseLocation.Resolved(path: typed, source: "--db")
        #expect(location.shown == shown)
    }
}
