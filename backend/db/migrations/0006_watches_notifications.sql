CREATE TABLE `notification_feed` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`notification_id` text,
	`read_ids` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notification_feed_user_idx` ON `notification_feed` (`user_id`,`seq`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`watch_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`count` integer NOT NULL,
	`first_event_id` text NOT NULL,
	`last_event_id` text NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`category` text NOT NULL,
	`subject_type` text,
	`subject_id` text,
	`subject_label` text,
	`link` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`read_at` integer
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notifications_watch_idx` ON `notifications` (`watch_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `watch_generations` (
	`org_id` text PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `watch_matches` (
	`watch_id` text NOT NULL,
	`event_id` text NOT NULL,
	`org_id` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`actor_id` text,
	`notification_id` text,
	PRIMARY KEY(`watch_id`, `event_id`)
);
--> statement-breakpoint
CREATE INDEX `watch_matches_window_idx` ON `watch_matches` (`watch_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `watch_matches_notification_idx` ON `watch_matches` (`notification_id`);--> statement-breakpoint
CREATE TABLE `watch_states` (
	`watch_id` text NOT NULL,
	`group_key` text NOT NULL,
	`armed_since` integer NOT NULL,
	`fired_at` integer,
	`last_match_at` integer NOT NULL,
	PRIMARY KEY(`watch_id`, `group_key`)
);
--> statement-breakpoint
CREATE TABLE `watches` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`name` text NOT NULL,
	`subject_type` text,
	`subject_id` text,
	`property` text,
	`value` text,
	`filter` text,
	`threshold` text,
	`include_own` integer NOT NULL,
	`paused` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `watches_org_owner_idx` ON `watches` (`org_id`,`owner_id`);