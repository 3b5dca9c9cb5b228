-- The churn model's inputs at each score change ("behavioural,perceived,openComplaints,recentClosures,balanceTrend,
-- recentBankCausedNegatives"), so the model can be refitted from the service's own labelled history.
alter table score_change add column churn_inputs text;
