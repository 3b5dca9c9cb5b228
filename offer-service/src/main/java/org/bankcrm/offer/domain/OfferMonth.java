package org.bankcrm.offer.domain;

import java.time.YearMonth;
import java.util.List;

/**
 * offer-service's KPIs of one month: decisions and presentations per channel, answers and acceptance, the model's
 * uplift over the control group, and service recovery after the bank-caused negatives of the month. The ratios are
 * defined here once, for the live figures and the monthly snapshots alike.
 */
public record OfferMonth(YearMonth month, List<ChannelActivity> channels, Counts treated, Counts control,
        Recovery recovery) {

    /** Answers and how many accepted. */
    public record Counts(long responses, long accepted) {
        /** Accepted / answered: null without an answer. */
        public Double rate() {
            return responses == 0 ? null : NewcombeUplift.round((double) accepted / responses);
        }

        public Counts plus(Counts other) {
            return new Counts(responses + other.responses, accepted + other.accepted);
        }
    }

    /**
     * One channel's month: {@code decisions} of every trigger, {@code requests} asked by the channel, {@code presented}
     * the actions those requests handed to it, and the answers recorded on it.
     */
    public record ChannelActivity(String channel, long decisions, long requests, long presented, long responses,
            long accepted) {
        public Double acceptanceRate() {
            return new Counts(responses, accepted).rate();
        }
    }

    /**
     * The bank-caused negative experiences of the month (one per client and time), how many were followed within the
     * window by a service-recovery action handed to a channel or answered, and by one accepted.
     */
    public record Recovery(long negatives, long offered, long accepted) {
        /** Offered / negatives: null without a negative. */
        public Double share() {
            return negatives == 0 ? null : NewcombeUplift.round((double) offered / negatives);
        }

        public Double acceptedShare() {
            return negatives == 0 ? null : NewcombeUplift.round((double) accepted / negatives);
        }
    }

    public long decisions() {
        return channels.stream().mapToLong(ChannelActivity::decisions).sum();
    }

    public long presented() {
        return channels.stream().mapToLong(ChannelActivity::presented).sum();
    }

    /** Every answer of the month, on any channel. */
    public Counts answers() {
        return new Counts(channels.stream().mapToLong(ChannelActivity::responses).sum(),
                channels.stream().mapToLong(ChannelActivity::accepted).sum());
    }

    /** The model's uplift over the control group among the month's answers to profiled decisions. */
    public NewcombeUplift uplift(double z) {
        return NewcombeUplift.of(treated.responses(), treated.accepted(), control.responses(), control.accepted(), z);
    }
}
