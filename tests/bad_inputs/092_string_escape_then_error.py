# expect: 8:16: error: [frontend] '(' was never closed
import tilelang
import tilelang.language as T

# A "quote" in a comment, and strings with escaped quotes, are not unterminated strings.
name = "say \"hi\""
other = 'it\'s'
kernel = matmul(1024,
