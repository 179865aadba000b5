const { src, dest } = require('gulp');

// Copies the icons (and any svg/png that sits next to a node or credential) into dist/.
function copyIcons() {
	return src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		allowEmpty: true,
	}).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;
exports.default = copyIcons;
