/*
 * article.c — the article view: headline, kicker, date (marked when
 * approximate), place, unions, reporters and topics, then the body wrapped
 * to the window with Chinese line-breaking rules (text_wrap), paragraphs
 * indented by two ideographic spaces, captions and credits set apart. Search
 * hits are highlighted; n and N jump between the lines that hold them; J and
 * K go to the next or previous article of the list without leaving.
 *
 * The article is laid out once into lines for the current width, and again
 * when the window's width changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui_private.h"

#define INDENT "\u3000\u3000"

struct line {
	char *text;     /* owned */
	enum role role;
};

struct article_view {
	struct article article; /* owned: page_article_clear */
	bool loaded;
	char *source;           /* owned */
	bool read, starred;
	struct line *lines;     /* owned */
	size_t n, cap;
	int top;
	int laid_width;         /* the width the lines were laid out for */
};

static void clear_lines(struct article_view *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->lines[i].text);
	free(a->lines);
	a->lines = NULL;
	a->n = a->cap = 0;
}

static int add_line(struct article_view *a, const char *s, size_t len,
		    enum role role)
{
	char *text;

	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 64;
		struct line *l = realloc(a->lines, cap * sizeof *l);

		if (!l)
			return -1;
		a->lines = l;
		a->cap = cap;
	}
	text = malloc(len + 1);
	if (!text)
		return -1;
	memcpy(text, s, len);
	text[len] = '\0';
	a->lines[a->n++] = (struct line){text, role};
	return 0;
}

/* Adds s wrapped to width, made safe first so that the widths text_wrap
 * counts are the widths drawn. */
static int add_wrapped(struct article_view *a, const char *prefix,
		       const char *s, int width, enum role role)
{
	size_t plen = strlen(prefix), slen = strlen(s);
	char *joined = malloc(plen + slen + 1), *safe = NULL;
	struct text_line *lines = NULL;
	int n, status = -1;

	if (!joined)
		return -1;
	memcpy(joined, prefix, plen);
	memcpy(joined + plen, s, slen + 1);
	safe = text_sanitize(joined, plen + slen, false);
	if (!safe)
		goto out;
	n = text_wrap(safe, width < 2 ? 2 : width, &lines);
	if (n < 0)
		goto out;
	if (n == 0 && add_line(a, "", 0, role) < 0)
		goto out;
	for (int i = 0; i < n; i++)
		if (add_line(a, safe + lines[i].offset, lines[i].length,
			     role) < 0)
			goto out;
	status = 0;
out:
	free(lines);
	free(safe);
	free(joined);
	return status;
}

static int add_field(struct article_view *a, const char *label,
		     const char *value, int width)
{
	if (!value || !*value)
		return 0;
	return add_wrapped(a, label, value, width, ROLE_NORMAL);
}

static char *join_list(const struct text_list *l, const char *sep)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < l->count; i++)
		len += strlen(l->items[i]) + strlen(sep);
	s = malloc(len);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (size_t i = 0; i < l->count; i++) {
		if (i)
			strcat(s, sep);
		strcat(s, l->items[i]);
	}
	return s;
}

static int layout(struct article_view *a, int width)
{
	const struct article *art = &a->article;
	char buf[512], date[16];
	char *s;
	int status = -1;

	clear_lines(a);
	a->laid_width = width;
	if (art->lead_in && *art->lead_in &&
	    add_wrapped(a, "", art->lead_in, width, ROLE_KICKER) < 0)
		goto out;
	if (add_wrapped(a, "", art->headline, width, ROLE_TITLE) < 0)
		goto out;
	if (art->kicker && *art->kicker &&
	    add_wrapped(a, "", art->kicker, width, ROLE_KICKER) < 0)
		goto out;
	if (add_line(a, "", 0, ROLE_NORMAL) < 0)
		goto out;
	store_date_text(art->year, art->month, art->day, art->precision, true,
			date);
	snprintf(buf, sizeof buf, "%s%s", date[0] ? date : "no date",
		 art->precision != DATE_APPROX ? ""
		 : art->year == 0	       ? " (approximate, day unknown)"
					       : " (approximate)");
	if (add_field(a, "Date:      ", buf, width) < 0)
		goto out;
	snprintf(buf, sizeof buf, "%s%s%s", art->city ? art->city : "",
		 art->city && art->county ? " · " : "",
		 art->county ? art->county : "");
	if (add_field(a, "Place:     ", buf, width) < 0)
		goto out;
	s = join_list(&art->unions, ", ");
	if (!s || add_field(a, "Unions:    ", s, width) < 0) {
		free(s);
		goto out;
	}
	free(s);
	buf[0] = '\0';
	for (size_t i = 0; i < art->n_reporters; i++) {
		size_t used = strlen(buf);

		snprintf(buf + used, sizeof buf - used, "%s%s %s",
			 i ? ", " : "", art->reporters[i].role,
			 art->reporters[i].name);
	}
	if (add_field(a, "Reporters: ", buf, width) < 0)
		goto out;
	s = join_list(&art->topics, ", ");
	if (!s || add_field(a, "Topics:    ", s, width) < 0) {
		free(s);
		goto out;
	}
	free(s);
	if (add_line(a, "", 0, ROLE_NORMAL) < 0)
		goto out;
	for (size_t i = 0; i < art->paragraphs.count; i++)
		if (add_wrapped(a, INDENT, art->paragraphs.items[i], width,
				ROLE_NORMAL) < 0)
			goto out;
	if (art->authors.count > 0) {
		s = join_list(&art->authors, " ");
		snprintf(buf, sizeof buf, "(%s)", s ? s : "");
		free(s);
		if (add_wrapped(a, "", buf, width, ROLE_NORMAL) < 0)
			goto out;
	}
	if (art->captions.count + art->credits.count > 0 &&
	    add_line(a, "", 0, ROLE_NORMAL) < 0)
		goto out;
	for (size_t i = 0; i < art->captions.count; i++)
		if (add_wrapped(a, "\u25a0 ", art->captions.items[i], width,
				ROLE_CAPTION) < 0)
			goto out;
	for (size_t i = 0; i < art->credits.count; i++)
		if (add_wrapped(a, "    ", art->credits.items[i], width,
				ROLE_CAPTION) < 0)
			goto out;
	if (a->source && (add_line(a, "", 0, ROLE_NORMAL) < 0 ||
			  add_wrapped(a, "Source: ", a->source, width,
				      ROLE_KICKER) < 0))
		goto out;
	status = 0;
out:
	return status;
}

/* The window's width less the margins, at most the text-width option:
 * lines of 80 columns read better than lines of 200. */
static int text_width_of(const struct app *app, const struct view *view)
{
	long most = app->options[OPTION_TEXT_WIDTH];
	int w = view->width - 2;

	if (most > 0 && w > most)
		w = (int)most;
	return w < 2 ? 2 : w;
}

static int article_open(struct app *app, struct view *view)
{
	struct article_view *a = view->data;
	char err[256];

	if (!a) {
		a = calloc(1, sizeof *a);
		if (!a) {
			app_message(app, true, "out of memory");
			return -1;
		}
		view->data = a;
	}
	if (a->loaded)
		page_article_clear(&a->article);
	free(a->source);
	a->source = NULL;
	a->loaded = false;
	clear_lines(a);
	a->top = 0;
	text_list_free(&app->find_terms); /* the search's hits again */
	memset(&a->article, 0, sizeof a->article);
	if (store_get(app->store, app->article_id, &a->article, &a->source,
		      &a->read, &a->starred, err, sizeof err) < 0) {
		app_message(app, true, "%s", err);
		return -1;
	}
	a->loaded = true;
	marks_effective(app, app->article_id, &a->read, &a->starred);
	if (!a->read && !marks_read_only(app) &&
	    marks_set(app, app->article_id, 1, -1) >= 0) {
		a->read = true;
		list_set_marks(app, app->article_id, 1, -1);
	}
	if (layout(a, text_width_of(app, view)) < 0) {
		app_message(app, true, "out of memory");
		return -1;
	}
	/* open at the first hit of a search when it is below the screen */
	for (size_t i = 0; app->hit_terms.count && i < a->n; i++) {
		if (draw_has_hit(a->lines[i].text, &app->hit_terms)) {
			if ((int)i >= view->height)
				a->top = (int)i - view->height / 3;
			break;
		}
	}
	return 0;
}

/* What the view highlights and n N jump between: the words `/` found in
 * the article, else the search's. */
static const struct text_list *hits_of(const struct app *app)
{
	return app->find_terms.count ? &app->find_terms : &app->hit_terms;
}

static int max_top(const struct article_view *a, const struct view *view)
{
	int m = (int)a->n - view->height;

	return m > 0 ? m : 0;
}

static void article_draw(struct app *app, struct view *view)
{
	struct article_view *a = view->data;
	struct draw_hits hits = {.terms = hits_of(app),
				 .attr = app_attr(app, ROLE_HIT)};

	for (int i = 0; i < view->height; i++)
		draw_fill(view->y + i, view->x, view->width, 0);
	if (!a || !a->loaded)
		return;
	if (a->top > max_top(a, view))
		a->top = max_top(a, view);
	for (int row = 0; row < view->height; row++) {
		size_t i = (size_t)(a->top + row);

		if (i >= a->n)
			break;
		draw_text(view->y + row, view->x + 1, view->width - 1,
			  a->lines[i].text, app_attr(app, a->lines[i].role),
			  &hits);
	}
}

static void scroll_by(struct article_view *a, struct view *view, int delta)
{
	a->top += delta;
	if (a->top > max_top(a, view))
		a->top = max_top(a, view);
	if (a->top < 0)
		a->top = 0;
}

/* Scrolls to the next (dir 1) or previous (-1) line holding a hit. */
static void jump_hit(struct app *app, struct article_view *a, int dir)
{
	const struct text_list *terms = hits_of(app);

	if (terms->count == 0) {
		app_message(app, false, "Nothing to find: / finds");
		return;
	}
	for (int i = a->top + dir; i >= 0 && i < (int)a->n; i += dir) {
		if (draw_has_hit(a->lines[i].text, terms)) {
			a->top = i;
			return;
		}
	}
	app_message(app, false, dir > 0 ? "No more hits below"
					: "No more hits above");
}

static void other_article(struct app *app, int delta)
{
	if (app->browse_focus == VIEW_RELATED) {
		/* opened from the related list: move through that one */
		int64_t id = related_step(app, delta);

		if (id)
			app_open_article(app, id);
		else
			app_message(app, false, delta > 0
						? "This is the last related article"
						: "This is the first related article");
		return;
	}
	if (!list_move(app, delta)) {
		app_message(app, false, delta > 0 ? "This is the last article"
						  : "This is the first article");
		return;
	}
	app_open_article(app, list_selected(app));
}

static bool article_key(struct app *app, struct view *view, enum action action)
{
	struct article_view *a = view->data;
	int page = view->height > 1 ? view->height - 1 : 1;

	if (!a)
		return false;
	switch (action) {
	case ACTION_MOVE_DOWN:
		scroll_by(a, view, 1);
		return true;
	case ACTION_MOVE_UP:
		scroll_by(a, view, -1);
		return true;
	case ACTION_PAGE_DOWN:
		if (a->top >= max_top(a, view))
			other_article(app, 1);
		else
			scroll_by(a, view, page);
		return true;
	case ACTION_PAGE_UP:
		scroll_by(a, view, -page);
		return true;
	case ACTION_HALF_DOWN:
		scroll_by(a, view, (page + 1) / 2);
		return true;
	case ACTION_HALF_UP:
		scroll_by(a, view, -(page + 1) / 2);
		return true;
	case ACTION_FIRST:
		a->top = 0;
		return true;
	case ACTION_LAST:
		a->top = max_top(a, view);
		return true;
	case ACTION_NEXT_HIT:
		jump_hit(app, a, 1);
		return true;
	case ACTION_PREV_HIT:
		jump_hit(app, a, -1);
		return true;
	case ACTION_SEARCH:
		prompt_start(app, PROMPT_FIND);
		return true;
	case ACTION_NEXT_ARTICLE:
		other_article(app, 1);
		return true;
	case ACTION_PREV_ARTICLE:
		other_article(app, -1);
		return true;
	case ACTION_TOGGLE_READ:
	case ACTION_TOGGLE_STAR: {
		bool star = action == ACTION_TOGGLE_STAR;
		int read = star ? -1 : !a->read;
		int starred = star ? !a->starred : -1;
		int rc = marks_set(app, app->article_id, read, starred);

		if (rc < 0)
			return true;
		if (star)
			a->starred = starred;
		else
			a->read = read;
		list_set_marks(app, app->article_id, read, starred);
		if (rc == 0)
			app_message(app, false, "%s",
				    star ? (a->starred ? "Starred" : "Unstarred")
					 : (a->read ? "Marked read"
						    : "Marked unread"));
		return true;
	}
	case ACTION_OPEN:
		return true;
	case ACTION_OPEN_SOURCE:
		export_source(app, app->article_id);
		return true;
	case ACTION_RELATED:
		related_show(app, app->article_id);
		return true;
	case ACTION_BACK:
	case ACTION_LEFT:
	case ACTION_CLOSE:
		app->focus = app->browse_focus;
		return true;
	default:
		return false;
	}
}

static void article_resize(struct app *app, struct view *view)
{
	struct article_view *a = view->data;

	if (!a || !a->loaded || a->laid_width == text_width_of(app, view))
		return;
	/* keep the same place in the text, proportionally */
	double at = a->n ? (double)a->top / (double)a->n : 0;

	if (layout(a, text_width_of(app, view)) < 0)
		app_message(app, true, "out of memory");
	a->top = (int)(at * (double)a->n);
	scroll_by(a, view, 0);
}

static void article_mouse(struct app *app, struct view *view, int y, int x,
			  mmask_t buttons)
{
	struct article_view *a = view->data;

	(void)app;
	(void)y;
	(void)x;
	if (!a)
		return;
	if (buttons & BUTTON4_PRESSED)
		scroll_by(a, view, -3);
	else if (buttons & BUTTON5_PRESSED)
		scroll_by(a, view, 3);
}

/* "line 12/80 42%  id 7  page.txt #3": the place of the screen's last
 * line in the text, the article's id, its file and its ordinal there. */
static void article_where(struct app *app, struct view *view, char *buf,
			  size_t len)
{
	struct article_view *a = view->data;
	const char *file = "", *slash;
	int bottom, percent;

	if (!a || !a->loaded || a->n == 0) {
		snprintf(buf, len, "%s", "");
		return;
	}
	bottom = a->top + view->height;
	if (bottom > (int)a->n)
		bottom = (int)a->n;
	percent = (int)((int64_t)bottom * 100 / (int64_t)a->n);
	if (a->source) {
		slash = strrchr(a->source, '/');
		file = slash ? slash + 1 : a->source;
	}
	snprintf(buf, len, "line %d/%zu %d%%  id %lld  %s #%d", a->top + 1,
		 a->n, percent, (long long)app->article_id, file,
		 a->article.ordinal);
}

void article_find(struct app *app, const char *words)
{
	struct view *view = &app->views[VIEW_ARTICLE];
	struct article_view *a = view->data;

	text_list_free(&app->find_terms);
	if (!words[0] || !a || !a->loaded)
		return;
	if (text_list_add(&app->find_terms, words, (size_t)-1) != 0) {
		app_message(app, true, "out of memory");
		return;
	}
	for (int i = a->top; i < (int)a->n; i++)
		if (draw_has_hit(a->lines[i].text, &app->find_terms)) {
			a->top = i;
			scroll_by(a, view, 0);
			return;
		}
	app_message(app, false, "Not found below: %s (N looks above)", words);
}

static void article_done(struct app *app, struct view *view)
{
	struct article_view *a = view->data;

	(void)app;
	if (!a)
		return;
	if (a->loaded)
		page_article_clear(&a->article);
	free(a->source);
	clear_lines(a);
	free(a);
	view->data = NULL;
}

const struct view_ops article_ops = {
	.name = "article",
	.open = article_open,
	.draw = article_draw,
	.key = article_key,
	.resize = article_resize,
	.mouse = article_mouse,
	.where = article_where,
	.done = article_done,
};
