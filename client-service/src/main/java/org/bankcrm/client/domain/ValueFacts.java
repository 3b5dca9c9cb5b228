package org.bankcrm.client.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a client's value is computed from: who they are, the products they hold (one entry per open
 * product), the products their segments expect, and their monthly figures.
 */
public record ValueFacts(ClientType type, Integer age, IncomeBracket incomeBracket, LocalDate customerSince,
        List<ProductType> heldProducts, Set<ProductType> expectedProducts, List<MonthFigures> months, LocalDate today) {
}
