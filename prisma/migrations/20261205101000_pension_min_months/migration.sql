-- The months of contributions a pension requires, as dated policy values (docs/domain.md): 20 years under
-- the Law on Social Insurance 2014, 15 years under the Law on Social Insurance 2024 from 1 July 2025.
-- Data only for databases seeded before this value existed (their PolicyParameter table has rows): a fresh
-- database stays empty, as a restore or import target must be, and the seed adds the same rows.
INSERT INTO "PolicyParameter" ("kind", "value", "effectiveFrom", "legalBasis")
SELECT v.kind::"PolicyKind", v.value, v.effective_from, v.legal_basis
FROM (VALUES ('PENSION_MIN_MONTHS', 240, DATE '2018-01-01', 'Luật BHXH 2014 (20 năm)'),
             ('PENSION_MIN_MONTHS', 180, DATE '2025-07-01', 'Luật BHXH 2024 (15 năm, hiệu lực 01/7/2025)')) AS v(kind, value, effective_from, legal_basis)
WHERE EXISTS (SELECT 1 FROM "PolicyParameter")
ON CONFLICT ("kind", "effectiveFrom") DO NOTHING;
