CREATE TABLE `inbound_webhook_activity` (
	`webhook_id` text PRIMARY KEY NOT NULL,
	`last_received_at` integer,
	`last_refused_at` integer,
	`last_refusal` text,
	FOREIGN KEY (`webhook_id`) REFERENCES `inbound_webhooks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `inbound_webhook_receipts` (
	`webhook_id` text NOT NULL,
	`event_id` text NOT NULL,
	`body` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`webhook_id`, `event_id`),
	FOREIGN KEY (`webhook_id`) REFERENCES `inbound_webhooks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inbound_webhook_receipts_received_idx` ON `inbound_webhook_receipts` (`received_at`);--> statement-breakpoint
CREATE TABLE `inbound_webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`source` text NOT NULL,
	`secret` text NOT NULL,
	`created_by_id` text,
	`revoked_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inbound_webhooks_org_idx` ON `inbound_webhooks` (`org_id`);--> statement-breakpoint
CREATE TABLE `stream_deliveries` (
	`destination_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`position` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`failing_since` integer,
	`last_success_at` integer,
	`last_error_at` integer,
	`last_error` text,
	`delivered_count` integer DEFAULT 0 NOT NULL,
	`file_name` text,
	`file_started_at` integer,
	`file_bytes` integer,
	FOREIGN KEY (`destination_id`) REFERENCES `stream_destinations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `stream_destinations` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`url` text,
	`directory` text,
	`rotate_bytes` integer,
	`rotate_minutes` integer,
	`filter` text NOT NULL,
	`pause_after_minutes` integer NOT NULL,
	`status` text NOT NULL,
	`paused_reason` text,
	`secret` text,
	`created_by_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `stream_destinations_org_idx` ON `stream_destinations` (`org_id`);