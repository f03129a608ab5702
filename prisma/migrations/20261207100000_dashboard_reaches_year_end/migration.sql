-- The forecast's inputs as aggregates (ADR 1405), part 1: the status measure REACHES_YEAR_END — on day d,
-- a participant (E(d) ≥ d) one of whose contributions paid by d ends on or after 31 December of d's year.
-- Its own migration: a new enum value can be used only once the transaction that added it has committed
-- (the next migration rebuilds the aggregates with it).
ALTER TYPE "DashboardMeasure" ADD VALUE 'REACHES_YEAR_END';
