import { InMemoryEventStore } from '@vouch/event-store';
import { facadeStory } from './support/facade-story';

facadeStory('the in-memory store', (clock) => new InMemoryEventStore({ clock }));
