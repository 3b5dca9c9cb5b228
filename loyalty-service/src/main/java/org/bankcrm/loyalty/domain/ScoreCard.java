package org.bankcrm.loyalty.domain;

import java.util.List;

/** A score with the factors that make it up. */
public record ScoreCard(double score, List<ScoreFactor> factors) {
}
