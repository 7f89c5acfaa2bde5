CREATE TABLE `audit_chain_heads` (
	`org_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`hash` blob NOT NULL,
	`anchor_seq` integer NOT NULL,
	`anchor_hash` blob,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `audit_checkpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`seq` integer NOT NULL,
	`hash` text NOT NULL,
	`signed_at` integer NOT NULL,
	`previous` text,
	`key_id` text NOT NULL,
	`payload` text NOT NULL,
	`signature` text NOT NULL,
	`digest` text NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_checkpoints_org_seq_idx` ON `audit_checkpoints` (`org_id`,`seq`);--> statement-breakpoint
CREATE TABLE `audit_maintenance` (
	`id` integer PRIMARY KEY NOT NULL,
	`reason` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_tombstones` (
	`org_id` text NOT NULL,
	`seq` integer NOT NULL,
	`leaf` blob NOT NULL,
	`hash` blob NOT NULL,
	`purge_id` text NOT NULL,
	PRIMARY KEY(`org_id`, `seq`),
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_tombstones_purge_idx` ON `audit_tombstones` (`purge_id`);--> statement-breakpoint
CREATE TABLE `audit_verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer NOT NULL,
	`trigger` text NOT NULL,
	`from_seq` integer NOT NULL,
	`to_seq` integer NOT NULL,
	`checked` integer NOT NULL,
	`ok` integer NOT NULL,
	`first_bad_seq` integer,
	`reason` text,
	`checkpoint_id` text,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_verifications_org_time_idx` ON `audit_verifications` (`org_id`,`finished_at`);--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `audit_events` ADD `seq` integer;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `hash` blob;--> statement-breakpoint
ALTER TABLE `audit_events` ADD `seals` text;--> statement-breakpoint
CREATE UNIQUE INDEX `audit_chain_idx` ON `audit_events` (`org_id`,`seq`);--> statement-breakpoint
-- Append-only storage: audit rows, tombstones and checkpoints refuse UPDATE
-- and DELETE, except audit rows and tombstones while the purge or redaction
-- path holds the audit_maintenance row inside its own transaction. The
-- message names the log so the server can tell these refusals apart.
CREATE TRIGGER `audit_events_append_only_update` BEFORE UPDATE ON `audit_events`
WHEN NOT EXISTS (SELECT 1 FROM `audit_maintenance`) BEGIN
	SELECT RAISE(ABORT, 'append-only audit log: UPDATE of audit_events refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_events_append_only_delete` BEFORE DELETE ON `audit_events`
WHEN NOT EXISTS (SELECT 1 FROM `audit_maintenance`) BEGIN
	SELECT RAISE(ABORT, 'append-only audit log: DELETE of audit_events refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_tombstones_append_only_update` BEFORE UPDATE ON `audit_tombstones` BEGIN
	SELECT RAISE(ABORT, 'append-only audit log: UPDATE of audit_tombstones refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_tombstones_append_only_delete` BEFORE DELETE ON `audit_tombstones`
WHEN NOT EXISTS (SELECT 1 FROM `audit_maintenance`) BEGIN
	SELECT RAISE(ABORT, 'append-only audit log: DELETE of audit_tombstones refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_checkpoints_append_only_update` BEFORE UPDATE ON `audit_checkpoints` BEGIN
	SELECT RAISE(ABORT, 'append-only audit log: UPDATE of audit_checkpoints refused');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_checkpoints_append_only_delete` BEFORE DELETE ON `audit_checkpoints` BEGIN
	SELECT RAISE(ABORT, 'append-only audit log: DELETE of audit_checkpoints refused');
END;
--> statement-breakpoint
-- A chain head only moves forward, and its anchor only moves with a purge.
CREATE TRIGGER `audit_chain_heads_forward_only` BEFORE UPDATE ON `audit_chain_heads`
WHEN NEW.seq < OLD.seq OR (NEW.anchor_seq IS NOT OLD.anchor_seq AND NOT EXISTS (SELECT 1 FROM `audit_maintenance`)) BEGIN
	SELECT RAISE(ABORT, 'append-only audit log: a chain head cannot move back');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_chain_heads_append_only_delete` BEFORE DELETE ON `audit_chain_heads` BEGIN
	SELECT RAISE(ABORT, 'append-only audit log: DELETE of audit_chain_heads refused');
END;
