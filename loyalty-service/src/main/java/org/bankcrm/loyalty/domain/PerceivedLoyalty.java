package org.bankcrm.loyalty.domain;

import static org.bankcrm.loyalty.domain.BehaviouralLoyalty.fmt;

import java.util.ArrayList;
import java.util.List;

/**
 * What the client feels, 0–100: 50 (nothing known) plus the signed contribution of each experience
 * signal; every signal decays with the experience half-life, so recent experiences weigh more.
 * Formula and defaults: loyalty-service/docs/scores.md.
 */
public final class PerceivedLoyalty {

    /**
     * @param nps points for the latest NPS at 10 (−nps at 0), times its recency
     * @param npsTrend points for a rise of the NPS by 10 since the answer before
     * @param csat points for an average CSAT of 5 (−csat at 1), times min(1, decayed answers)
     * @param complaint points off per decayed complaint
     * @param openComplaint points off per unresolved complaint
     * @param bankCausedNegative points off per decayed negative experience the bank caused
     * @param positive points per decayed positive experience, at most {@code positiveCap}
     * @param failureDemand points off per decayed repeat contact or abandoned need
     */
    public record Weights(double nps, double npsTrend, double csat, double complaint, double openComplaint,
            double bankCausedNegative, double positive, double positiveCap, double failureDemand) {
    }

    private final Weights w;

    public PerceivedLoyalty(Weights weights) {
        this.w = weights;
    }

    public ScoreCard score(LoyaltyFeatures f) {
        List<ScoreFactor> factors = new ArrayList<>();
        if (f.latestNps() != null) {
            int nps = f.latestNps();
            String kind = nps >= 9 ? "promoter" : nps >= 7 ? "passive" : "detractor";
            add(factors, "nps", w.nps() * (nps - 5) / 5.0 * f.npsRecency(),
                    fmt("latest NPS %d (%s), weighing %.0f%% after decay", nps, kind, f.npsRecency() * 100));
            if (f.previousNps() != null && !f.previousNps().equals(f.latestNps())) {
                add(factors, "npsTrend", w.npsTrend() * (nps - f.previousNps()) / 10.0 * f.npsRecency(),
                        "NPS %s from %d to %d".formatted(nps > f.previousNps() ? "rose" : "fell", f.previousNps(), nps));
            }
        }
        if (f.csatAverage() != null) {
            add(factors, "csat", w.csat() * (f.csatAverage() - 3) / 2.0 * Math.min(1, f.csatEvidence()),
                    fmt("average CSAT %.1f of 5 in recent answers", f.csatAverage()));
        }
        if (f.openComplaints() > 0) {
            add(factors, "openComplaints", -w.openComplaint() * f.openComplaints(),
                    "%d unresolved complaint%s, %s caused by the bank".formatted(f.openComplaints(),
                            f.openComplaints() == 1 ? "" : "s",
                            f.openBankCausedComplaints() == f.openComplaints() && f.openComplaints() > 1 ? "all of them"
                                    : f.openBankCausedComplaints() + " of them"));
        }
        if (f.recentComplaints() > 0.01) {
            add(factors, "complaints", -w.complaint() * f.recentComplaints(),
                    fmt("%d complaint%s so far, weighing %.1f after decay", f.complaintsTotal(),
                            f.complaintsTotal() == 1 ? "" : "s", f.recentComplaints()));
        }
        if (f.recentBankCausedNegatives() > 0.01) {
            add(factors, "bankCausedNegatives", -w.bankCausedNegative() * f.recentBankCausedNegatives(),
                    fmt("negative experiences caused by the bank, weighing %.1f after decay", f.recentBankCausedNegatives()));
        }
        if (f.recentPositives() > 0.01) {
            add(factors, "positiveExperiences", Math.min(w.positiveCap(), w.positive() * f.recentPositives()),
                    fmt("positive experiences, weighing %.1f after decay", f.recentPositives()));
        }
        if (f.recentFailureDemand() > 0.01) {
            add(factors, "repeatContacts", -w.failureDemand() * f.recentFailureDemand(),
                    fmt("repeat contacts or abandoned needs, weighing %.1f after decay", f.recentFailureDemand()));
        }
        double score = 50 + factors.stream().mapToDouble(ScoreFactor::contribution).sum();
        return new ScoreCard(LoyaltyScoring.clampScore(score), BehaviouralLoyalty.sorted(factors));
    }

    private static void add(List<ScoreFactor> factors, String name, double contribution, String text) {
        factors.add(new ScoreFactor(name, ScoreFactor.PERCEIVED, contribution, text));
    }
}
