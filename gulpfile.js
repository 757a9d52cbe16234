const path = require('path');
const { task, src, dest } = require('gulp');

// tsc only emits .js; node and credential icons must sit beside them in dist/.
task('build:icons', () =>
	src(path.resolve('icons', '*.svg')).pipe(dest(path.resolve('dist', 'icons'))),
);
