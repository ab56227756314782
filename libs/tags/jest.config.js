module.exports = { ...require('../../jest.preset.js'), displayName: 'tags', rootDir: __dirname };
