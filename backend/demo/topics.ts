import type { Priority } from '../../shared/enums';

/* What demo conversations are about: the words customers and agents use, and where they are routed. */
export type QueueKey = 'general' | 'billing' | 'vip' | 'voice';
export type TopicKey = 'refund' | 'shipping' | 'billing' | 'account' | 'bug' | 'feedback' | 'cancel';

export interface Topic {
  key: TopicKey;
  weight: number;
  queue: QueueKey;
  /** Tag and priority the intake business rule gives it. */
  tag: string;
  priority: Priority;
  /** How customers start: the conversation's name and first message (`#` becomes an order number). */
  openings: readonly (readonly [name: string, body: string])[];
  replies: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  {
    key: 'shipping',
    weight: 30,
    queue: 'general',
    tag: 'shipping',
    priority: 'normal',
    openings: [
      ['Where is my order #?', 'Hi, my order # was supposed to arrive on Monday and the tracking has not moved since.'],
      ['Wrong address on order #', 'Hello! I think I typed the wrong street number for order #. Can you still change it?'],
      ['Tracking for # stopped updating', 'The tracking page for # says "label created" for five days now. Is it lost?'],
      ['Order # has not arrived', 'My order # should have been here last week. Can you check where it is?'],
    ],
    replies: [
      'Thanks for your patience! I checked with the carrier: your parcel is at the local depot and should arrive tomorrow.',
      'I have updated the delivery address on your order. You will get a new tracking email within the hour.',
      'I am sorry about the delay. I opened an investigation with the carrier and will update you within 48 hours.',
    ],
  },
  {
    key: 'refund',
    weight: 18,
    queue: 'billing',
    tag: 'refund',
    priority: 'high',
    openings: [
      ['Item arrived damaged (#)', 'The mug in order # arrived broken. I would like a refund please.'],
      ['Still waiting for my refund', 'I sent my return two weeks ago and have not received the refund yet.'],
      ['Refund for order #', 'Can I get a refund for # instead of an exchange? The size did not fit.'],
    ],
    replies: [
      'I am sorry it arrived damaged! I have issued a full refund; it will show on your statement in 3–5 business days.',
      'Your return was received at our warehouse yesterday, and the refund is now processed.',
      'Of course. I have created a prepaid return label for you; the refund goes out as soon as it is scanned.',
    ],
  },
  {
    key: 'billing',
    weight: 14,
    queue: 'billing',
    tag: 'billing',
    priority: 'normal',
    openings: [
      ['Charged twice this month', 'I see two charges for the same subscription on my statement. Can you check?'],
      ['VAT number on invoices', 'Could you add our VAT number to last month’s invoice?'],
      ['Update my card on file', 'My card expired. How do I update it without losing my plan?'],
    ],
    replies: [
      'You were right, the second charge was a duplicate. I have reversed it; it disappears within a few days.',
      'I regenerated the invoice with your VAT number and attached it to this conversation.',
      'You can update it under Account → Billing. Your plan stays active in the meantime.',
    ],
  },
  {
    key: 'account',
    weight: 14,
    queue: 'general',
    tag: 'account-access',
    priority: 'normal',
    openings: [
      ['Cannot log in', 'I have reset my password three times and I still cannot log in.'],
      ['Password reset email never arrives', 'The password reset email never shows up, not even in spam.'],
      ['Change the email on my account', 'I would like to change the email address on my account to my work email.'],
    ],
    replies: [
      'I cleared the lock on your account; please try the reset link I just sent.',
      'Your account email is updated. You will receive a confirmation at the new address.',
      'It looks like our emails were blocked by your provider. I sent the link to your backup address instead.',
    ],
  },
  {
    key: 'bug',
    weight: 10,
    queue: 'general',
    tag: 'bug',
    priority: 'high',
    openings: [
      ['App crashes at checkout', 'The app closes as soon as I tap "Pay now". I am on the latest version.'],
      ['Discount code not applied', 'The discount code WELCOME10 is accepted but the total does not change.'],
      ['Error 500 on order history', 'Order history shows an error page since yesterday.'],
    ],
    replies: [
      'Thank you for the report. Our engineers reproduced it and a fix ships tomorrow; I applied the discount manually meanwhile.',
      'I have escalated this to our product team with your details, and I will let you know as soon as it is fixed.',
      'Could you send a screenshot of the error? That helps our team find it faster.',
    ],
  },
  {
    key: 'feedback',
    weight: 8,
    queue: 'general',
    tag: 'feedback',
    priority: 'low',
    openings: [
      ['Feature request: gift wrapping', 'It would be great if I could add gift wrapping at checkout.'],
      ['Love the new app!', 'Just wanted to say the new app is so much faster. Great job!'],
      ['Dark mode please', 'Any plans for a dark mode? My eyes would thank you.'],
    ],
    replies: [
      'Thank you so much for the kind words! I shared them with the whole team.',
      'Great idea, I added your vote to our feature request board.',
    ],
  },
  {
    key: 'cancel',
    weight: 6,
    queue: 'vip',
    tag: 'cancellation',
    priority: 'high',
    openings: [
      ['Cancel my subscription', 'Please cancel my subscription at the end of this billing period.'],
      ['Pause my plan for a month', 'Can I pause my plan while I am travelling next month?'],
    ],
    replies: [
      'I have scheduled the cancellation for the end of your billing period. You keep full access until then.',
      'Your plan is paused for 30 days; nothing will be charged in the meantime.',
    ],
  },
];

export const CUSTOMER_FOLLOW_UPS = [
  'Thanks for the quick answer! One more question: can I also change the delivery date?',
  'That did not work, I still see the same problem.',
  'Great, thank you!',
  'Could you confirm by email as well?',
  'Any update on this?',
  'Perfect, that solved it.',
] as const;

export const AGENT_FOLLOW_UPS = [
  'Happy to help! Is there anything else I can do for you?',
  'I have just double-checked and everything is in order on our side now.',
  'Thanks for confirming. I will keep this open until the carrier replies.',
  'Sorry for the trouble! I have added a 10% coupon to your account for next time.',
] as const;

/** What agents record as the resolution when they close a conversation, by topic. */
export const RESOLUTIONS: Record<TopicKey, readonly string[]> = {
  shipping: ['Tracking shared', 'Reshipped', 'Address corrected', 'Carrier claim opened'],
  refund: ['Refund issued', 'Return label sent', 'Store credit'],
  billing: ['Duplicate charge reversed', 'Invoice updated', 'Explained charge'],
  account: ['Password reset', 'Email changed', 'Unlocked account'],
  bug: ['Workaround given', 'Escalated to engineering', 'Fixed in release'],
  feedback: ['Logged feature request', 'Thanked customer'],
  cancel: ['Cancelled', 'Paused plan', 'Saved with discount'],
};

export const ENDED_REASONS = ['Resolved', 'Resolved', 'Resolved', 'Answered', 'No response from customer', 'Duplicate'] as const;

export const SURVEY_COMMENTS = [
  'Super fast and friendly, thank you!',
  'Took a while but the agent was very helpful.',
  'Problem solved on the first reply.',
  'I had to explain my issue twice.',
  'Great service as always.',
  'Not happy that I had to wait three days.',
] as const;

/** An inbound message that shares card details; the demo redacts a few of these. */
export const SENSITIVE_OPENING = 'Please charge this card instead: 4111 1111 1111 1111, exp 09/27, CVC 123.';
