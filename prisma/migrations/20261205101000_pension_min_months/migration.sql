-- The months of contributions a pension requires, as dated policy values (docs/domain.md): 20 years under
-- the Law on Social Insurance 2014, 15 years under the Law on Social Insurance 2024 from 1 July 2025.
-- Data for databases seeded before this value existed (the seed adds the same rows; duplicates are skipped).
INSERT INTO "PolicyParameter" ("kind", "value", "effectiveFrom", "legalBasis")
VALUES ('PENSION_MIN_MONTHS', 240, DATE '2018-01-01', 'Luật BHXH 2014 (20 năm)'),
       ('PENSION_MIN_MONTHS', 180, DATE '2025-07-01', 'Luật BHXH 2024 (15 năm, hiệu lực 01/7/2025)')
ON CONFLICT ("kind", "effectiveFrom") DO NOTHING;
