/*
 * The configuration file, .mibcheck.ini, read with libinih: found in the
 * current directory or its parents, or named with --config FILE.  Its
 * values sit between the defaults and the command line.
 */
#ifndef MIBCHECK_CONFIGFILE_H
#define MIBCHECK_CONFIGFILE_H

#include <getopt.h>
#include <stdio.h>

#include "checker/config.h"

#define CONFIG_FILE_NAME ".mibcheck.ini"

/* The file to read for this command line: --config FILE, nothing with
 * --no-config, else .mibcheck.ini in start_dir or its nearest parent
 * holding one.  Returns a string to free, or NULL. */
char *config_file_locate(int argc, char *const *argv, const char *start_dir);

/* Read path into cfg (before the command line is parsed).  Returns 0, or
 * -1 with *err ("FILE:LINE: what is wrong") to free. */
int config_file_load(struct config *cfg, const char *path, char **err);
/* The same from text in memory, labelled name (for tests). */
int config_file_load_string(struct config *cfg, const char *text,
                            const char *name, const char *dir, char **err);

/* Find the option just returned by getopt_long and record that its value
 * comes from the command line. */
void config_mark_cli(struct config *cfg, int opt, const struct option *opts);
/* After the command line: its -M, --reference directories go before the
 * file's, and its -f/-o outputs replace the file's. */
void config_finish(struct config *cfg);

/* --print-config: the effective configuration as a configuration file,
 * each value followed by where it came from. */
void config_print(const struct config *cfg, FILE *f);

#endif
