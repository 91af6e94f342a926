import { programStory } from './support/program-story';

programStory('the in-memory store');
