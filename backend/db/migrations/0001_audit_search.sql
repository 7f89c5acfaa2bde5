-- Full-text search over the audit log (`q`): subject labels, property names,
-- before and after values. An external-content FTS5 index kept in step by
-- triggers, so every row is indexed in the transaction that writes it.
-- secure-delete removes a deleted row's tokens from the index at once: a
-- redacted message's words must not survive there either.
CREATE VIRTUAL TABLE `audit_search` USING fts5(
	subject_label, property, before, after,
	content='audit_events', content_rowid='rowid',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `audit_search`(`audit_search`, `rank`) VALUES ('secure-delete', 1);
--> statement-breakpoint
CREATE TRIGGER `audit_search_insert` AFTER INSERT ON `audit_events` BEGIN
	INSERT INTO `audit_search`(rowid, subject_label, property, before, after)
	VALUES (new.rowid, new.subject_label, new.property, new.before, new.after);
END;
--> statement-breakpoint
CREATE TRIGGER `audit_search_delete` AFTER DELETE ON `audit_events` BEGIN
	INSERT INTO `audit_search`(`audit_search`, rowid, subject_label, property, before, after)
	VALUES ('delete', old.rowid, old.subject_label, old.property, old.before, old.after);
END;
--> statement-breakpoint
CREATE TRIGGER `audit_search_update` AFTER UPDATE OF subject_label, property, before, after ON `audit_events` BEGIN
	INSERT INTO `audit_search`(`audit_search`, rowid, subject_label, property, before, after)
	VALUES ('delete', old.rowid, old.subject_label, old.property, old.before, old.after);
	INSERT INTO `audit_search`(rowid, subject_label, property, before, after)
	VALUES (new.rowid, new.subject_label, new.property, new.before, new.after);
END;
--> statement-breakpoint
-- Index whatever a database held before this migration.
INSERT INTO `audit_search`(`audit_search`) VALUES ('rebuild');
