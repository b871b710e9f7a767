@testable import SocialTimeCore

/// A week with every kind of person and review, a Danish company name and a generation time:
/// the report the mail and review-rendering tests share.
enum MailFixture {
    static let week = ISOWeek(year: 2026, week: 47)!
    static let company = "Ærø Økologi & Søn ApS"
    static let generatedAt = "2026-11-30T06:00:00+01:00"

    static let people = [
        StaffWeek(staff: Handle(trusted: "anna"), name: "Anna Jensen", minutes: 430, justificationStatus: .rejected,
                  justification: "Recruiting posts for the warehouse jobs", reviewedBy: Handle(trusted: "mette"),
                  reviewComment: "Say how many applied — and which post", reviewedMinutes: 400),
        StaffWeek(staff: Handle(trusted: "søren"), name: "Søren Ødegård", minutes: 360, justificationStatus: .none),
        StaffWeek(staff: Handle(trusted: "sofie"), name: "Sofie \"Fie\" Berg", minutes: 380, justificationStatus: .submitted,
                  justification: "Follow-ups with the trade fair contacts on LinkedIn"),
        StaffWeek(staff: Handle(trusted: "lars"), name: "Lars Nielsen", minutes: 495, justificationStatus: .accepted,
                  justification: "Product launch week: the reel series", reviewedBy: Handle(trusted: "mette"), reviewedMinutes: 495),
        StaffWeek(staff: Handle(trusted: "ida"), name: "Ida Madsen", minutes: 130, justificationStatus: .none),
    ]

    static func slice(_ staff: String, _ network: String, _ outcome: String, _ minutes: Int, unit: String? = nil) -> ReportBuilder.Slice {
        .init(staff: Handle(trusted: staff), network: network, outcome: outcome, unit: unit, minutes: Minutes(minutes))
    }

    static let report = ReportBuilder(threshold: .defaultThreshold).build(
        week: week, people: people,
        slices: [slice("anna", "linkedin", "recruiting", 430, unit: "hires"), slice("søren", "facebook", "customer-service", 360, unit: "inquiries"),
                 slice("sofie", "linkedin", "sales-leads", 380, unit: "leads"), slice("lars", "instagram", "brand-awareness", 495),
                 slice("ida", "facebook", "customer-service", 130, unit: "inquiries")],
        results: [.init(outcome: "recruiting", unit: "hires", quantity: 2), .init(outcome: "sales-leads", unit: "leads", quantity: 6)],
        trend: [(ISOWeek(year: 2026, week: 46)!, [], .defaultThreshold)], company: company, generatedAt: generatedAt)
}
