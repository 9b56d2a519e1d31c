# The Debian package (scripts/package.sh; `cpack -G DEB` in a build tree configured with
# CMAKE_INSTALL_PREFIX=/usr): the programs, the systemd unit, the default configuration as a
# conffile, the desktop entry, the manual pages, and the maintainer scripts in
# resources/debian/ (the service's user and control group, then debhelper's systemd code).
# The same recipe builds on a Pi for armhf or arm64: the architecture is dpkg's.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME stratumone)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Stratum One developers <dev@stratumone.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "stratum-1 NTP server with a touchscreen view")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # stratumone_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The long description (CPack indents it and turns the empty line into " ."); the first line
# of the control field is CPACK_PACKAGE_DESCRIPTION_SUMMARY.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Stratum One turns a Raspberry Pi with a GPS receiver, or any Linux computer,
into a stratum-1 NTP server configured with chrony.conf syntax: NTP client and
server, PPS, PTP hardware clock, serial NMEA/UBX receivers and gpsd's SHM and
SOCK interfaces as reference clocks.

The service runs under systemd (Type=notify, with a watchdog) as its own user;
stratumctl prints chronyc's reports from it, and the window shows sources,
server counters, charts, the GPS receiver and a kiosk dashboard for an
800x480 touchscreen.")
# The libraries' packages from dpkg-shlibdeps; adduser for the postinst; init-system-helpers
# for deb-systemd-helper.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, init-system-helpers (>= 1.52)")
# Qt's SVG icon engine draws the application icon; the window needs a platform plugin.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6svg6, qt6-qpa-plugins")
# One time daemon at a time (port 123 and the kernel clock), as chrony, ntpsec and
# systemd-timesyncd declare.
set(CPACK_DEBIAN_PACKAGE_PROVIDES time-daemon)
set(CPACK_DEBIAN_PACKAGE_CONFLICTS time-daemon)
set(CPACK_DEBIAN_PACKAGE_REPLACES time-daemon)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/resources/debian/conffiles
    ${PROJECT_SOURCE_DIR}/resources/debian/postinst
    ${PROJECT_SOURCE_DIR}/resources/debian/prerm
    ${PROJECT_SOURCE_DIR}/resources/debian/postrm)
# 0755 for the scripts, 0644 for the rest, whatever the checkout's modes (lintian checks).
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
# Directories a package ships are root's 0755 (lintian's non-standard-dir-perm otherwise).
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

include(CPack)
