/** The feed-format parsers' limits: the shared ones, from ../limits (see there). */
export * from '../limits';
