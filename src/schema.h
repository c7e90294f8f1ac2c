/* The questionnaire schema, built into the binary from
 * questionnaires/questionnaire.xsd by the Makefile, so that an installed
 * cirt never depends on the current folder. */
#ifndef CIRT_SCHEMA_H
#define CIRT_SCHEMA_H

#include <stddef.h>

extern const unsigned char questionnaire_xsd[];
extern const size_t questionnaire_xsd_len;

#endif
