// The reviews module's public surface for other modules, beyond its services, entities and types:
// the text check that screens for personal identifiers, in the reviews' wording.
export { cleanText } from './review.rules';
export { runRecommendationChase } from './recommendation-chase';
