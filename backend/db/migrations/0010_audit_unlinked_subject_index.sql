-- The subject index keeps only the rows whose subject is neither their conversation
-- nor their customer: the link indexes already find the others, and most writes (a
-- conversation's or a customer's own changes) then insert into one B-tree fewer.
DROP INDEX `audit_subject_idx`;--> statement-breakpoint
CREATE INDEX `audit_unlinked_subject_idx` ON `audit_events` (`org_id`,`subject_type`,`subject_id`,`occurred_at`,`id`) WHERE "audit_events"."subject_id" is not "audit_events"."conversation_id" and "audit_events"."subject_id" is not "audit_events"."customer_id";