// @ts-check
module.exports = require('./server');
