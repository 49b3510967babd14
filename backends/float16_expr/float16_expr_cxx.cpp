// float16_expr.c as C++ (GCC's C++ front end lowers _Float16 arithmetic its own way).
#include "float16_expr.c"  // NOLINT(bugprone-suspicious-include)
