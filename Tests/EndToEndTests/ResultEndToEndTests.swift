import Foundation
import Testing

@Suite struct ResultEndToEndTests {
    @Test(arguments: StoreKind.all) func recordsAResultWithItsUnit(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let run = await box.runInProcess(["result", "3", "--outcome", "Sales-Leads", "--date", "yesterday", "--note", "Webinar & demo"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Recorded 3 leads for sales-leads on 2026-11-26 by anna — Webinar & demo"))
        #expect(try box.query("SELECT r.date, o.key, r.quantity, r.note FROM results r JOIN outcomes o ON o.id = r.outcome_id") == "2026-11-26|sales-leads|3|Webinar & demo")
        #expect(await box.runInProcess(["result", "1", "--outcome", "recruiting"]).stdout.contains("Recorded 1 hire for recruiting"))
    }

    @Test(arguments: StoreKind.all) func badInputIsRefusedAndNothingChanges(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        #expect(await box.runInProcess(["outcomes", "retire", "advertising"]).status == 0)
        let before = try ReportFixture.counts(box)
        let cases: [([String], String)] = [
            (["result", "0", "--outcome", "sales-leads"], "whole number"),
            (["result", "1.5", "--outcome", "sales-leads"], "whole number"),
            (["result", "many", "--outcome", "sales-leads"], "whole number"),
            (["result", "2000000", "--outcome", "sales-leads"], "whole number"),
            (["result", "-2", "--outcome", "sales-leads"], "quantity"),
            (["result", "2", "--outcome", "advertising"], "retired"),
            (["result", "2", "--outcome", "sales-lead"], "did you mean 'sales-leads'"),
            (["result", "2", "--outcome", "sales-leads", "--date", "2026-11-28"], "future"),
            (["result", "2", "--outcome", "sales-leads", "--note", "tab\there"], "control character"),
            (["result", "2"], "--outcome"),
        ]
        for (arguments, message) in cases {
            let run = await box.runInProcess(arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
        #expect(try ReportFixture.counts(box) == before)
    }
}
