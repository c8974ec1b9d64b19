#include <cairo/cairo.h>
#include <cairo/cairo-svg.h>
#include <dlfcn.h>
#include <string.h>

// HeatIslandMaps opens Cairo when it draws a map instead of linking it: linked, Cairo and the
// eleven libraries it needs (X11, xcb, pixman …) were loaded and relocated by every run of the
// command line, drawing or not. The declarations above give the types; the functions are looked
// up in the library into this table, named as in Cairo without the `cairo_` prefix.
#define HI_CAIRO_FUNCTIONS(X) \
    X(create) X(destroy) X(save) X(restore) X(paint) X(clip) X(fill) X(stroke) X(stroke_preserve) \
    X(set_source_rgb) X(set_source_rgba) X(set_source_surface) X(get_source) X(pattern_set_filter) \
    X(set_line_width) X(set_line_join) X(translate) X(scale) X(rotate) \
    X(move_to) X(line_to) X(arc) X(rectangle) X(close_path) \
    X(select_font_face) X(set_font_size) X(show_text) X(text_path) X(text_extents) \
    X(image_surface_create) X(image_surface_get_data) X(image_surface_get_stride) X(svg_surface_create) \
    X(surface_flush) X(surface_mark_dirty) X(surface_finish) X(surface_status) X(surface_destroy) \
    X(surface_write_to_png)

typedef struct {
#define HI_CAIRO_FIELD(name) __typeof__(cairo_##name) *_Nonnull name;
    HI_CAIRO_FUNCTIONS(HI_CAIRO_FIELD)
#undef HI_CAIRO_FIELD
} hi_cairo_functions;

// Opens `soname` and looks up every function of the table. On failure `*library` is NULL, and the
// table, whose entries are then partly NULL, must not be used.
static inline hi_cairo_functions hi_cairo_open(const char *_Nonnull soname, void *_Nullable *_Nonnull library) {
    hi_cairo_functions table;
    memset(&table, 0, sizeof table);
    *library = NULL;
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) return table;
#define HI_CAIRO_LOOK_UP(name) \
    if ((table.name = (__typeof__(table.name))dlsym(handle, "cairo_" #name)) == NULL) { dlclose(handle); return table; }
    HI_CAIRO_FUNCTIONS(HI_CAIRO_LOOK_UP)
#undef HI_CAIRO_LOOK_UP
    *library = handle;
    return table;
}
