// The planted test library exports one function so that the linker keeps it whole.
int test_plugin_planted_marker(void);
