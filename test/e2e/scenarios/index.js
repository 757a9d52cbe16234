/** Every area's e2e scenarios; an area joins when its node lands. */
module.exports = [
	require('./presence'),
	require('./messaging'),
	require('./call-log'),
	require('./ring-out'),
	require('./contacts'),
	require('./team-messaging'),
	require('./video'),
	require('./call-handling'),
	require('./account'),
];
