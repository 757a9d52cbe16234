const fs = require('node:fs');
const path = require('node:path');

function readPackageJson(file = path.resolve(__dirname, '../../package.json')) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

module.exports = { readPackageJson };
