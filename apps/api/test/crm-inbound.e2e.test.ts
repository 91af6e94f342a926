import { crmInboundStory } from './support/crm-inbound-story';

crmInboundStory('the in-memory store');
