using NotebookCourse.Helpers.Lessons;

namespace NotebookCourse.Helpers.Tests.Lessons;

public class ClaimTests
{
    [Fact]
    public void A_claim_that_holds_is_shown_with_its_evidence()
    {
        Assert.Equal("✔ rows are equal (max difference 0)", Claim.That("rows are equal", true, "max difference 0"));
        Assert.Equal("✔ rows are equal", Claim.That("rows are equal", true));
    }

    [Fact]
    public void A_claim_that_does_not_hold_throws_with_claim_and_evidence()
    {
        var error = Assert.Throws<ClaimFailedException>(() => Claim.That("pads get zero weight", false, "weight 0.2 at position 3"));
        Assert.Equal("Claim does not hold: pads get zero weight (evidence: weight 0.2 at position 3)", error.Message);
        Assert.Equal("pads get zero weight", error.Claim);
    }

    [Fact]
    public void A_claim_must_be_stated()
    {
        Assert.Throws<ArgumentException>(() => Claim.That("", true));
    }

    [Fact]
    public void An_observed_finding_reports_either_way_without_throwing()
    {
        Assert.Equal("✔ zeroed pads learn faster (2 vs 3 epochs)", Claim.Observed("zeroed pads learn faster", true, "2 vs 3 epochs"));
        Assert.Equal("✘ not shown by this run: zeroed pads learn faster (3 vs 3 epochs)", Claim.Observed("zeroed pads learn faster", false, "3 vs 3 epochs"));
        Assert.Throws<ClaimFailedException>(() => Claim.Check(required: true, "x", false));
        Assert.StartsWith("✘", Claim.Check(required: false, "x", false));
    }
}
