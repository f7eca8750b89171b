-- Written in SQL that H2 and PostgreSQL both accept.

-- The JDBC sink's alt text: short accessibility text (relay.result.alt-text.max-length), null where the
-- provider gave none. Numbered after the PostgreSQL-only V20 so that databases already there take it in order.
ALTER TABLE image_caption ADD COLUMN alt_text TEXT;
