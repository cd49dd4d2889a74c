/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nls.h: the tool's own messages (errors, --help) in the "codedoc" text
 * domain, through the standard libintl machinery.  Page content never goes
 * through here: it uses the per-language catalogs of catalog.h. */
#ifndef CODEDOC_NLS_H
#define CODEDOC_NLS_H

#include <libintl.h>

#define NLS_DOMAIN "codedoc"
#define _(s) dgettext(NLS_DOMAIN, s)
#define N_(s) (s)

#endif
