/*
 * Engine conformance rules: each exercises one feature. Drydock must agree with Debian's yara 4.2
 * on every (rule, input) pair; the expected pairs are in yara-oracle.txt (see
 * scripts/malware-yara-oracle.sh).
 */

// ---- text strings and modifiers
rule text_plain { strings: $a = "foo" condition: $a }
rule text_count_overlap { strings: $a = "aa" condition: #a == 3 }
rule text_offsets { strings: $a = "abc" condition: @a[1] == 0 and @a[2] == 3 and @a[3] == 6 and #a == 3 }
rule text_length { strings: $a = "bc" condition: !a == 2 and !a[3] == 2 }
rule text_nocase { strings: $a = "FOO" nocase condition: #a == 4 }
rule text_case_sensitive { strings: $a = "FOO" condition: #a == 1 }
rule text_fullword { strings: $a = "foo" fullword condition: #a == 1 and @a[1] == 14 }
rule text_fullword_nocase { strings: $a = "foo" nocase fullword condition: #a == 2 }
rule text_wide { strings: $a = "abc" wide condition: #a == 1 }
rule text_wide_nocase { strings: $a = "abc" wide nocase condition: #a == 2 }
rule text_ascii_wide_nocase { strings: $a = "abc" ascii wide nocase condition: #a == 4 }
rule text_wide_fullword { strings: $a = "World" wide fullword condition: $a }
rule text_wide_password { strings: $a = "password=" wide condition: $a at 24 }
rule text_escapes { strings: $a = "line\r\nthird\tline" condition: $a }
rule text_hex_escape { strings: $a = "\x01\x02\x03" condition: #a == 4 }
rule text_cat_fullword { strings: $a = "cat" fullword condition: #a == 2 }
rule text_long { strings: $a = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxneedle" condition: $a }
rule text_needle_nocase { strings: $a = "needle" nocase condition: #a == 2 and @a[2] == 5006 }
rule text_at { strings: $a = "start" condition: $a at 0 }
rule text_in { strings: $a = "end" condition: $a in (10..20) }
rule text_not_in { strings: $a = "end" condition: $a in (0..5) }
rule text_private { strings: $a = "middle" private condition: $a }

// ---- hex strings
rule hex_plain { strings: $a = { 4D 5A 90 00 } condition: $a at 0 }
rule hex_wildcard { strings: $a = { 50 45 ?? ?? 4C 01 } condition: $a }
rule hex_nibble { strings: $a = { 7F 4? 4C 4? } condition: $a at 0 }
rule hex_nibble_low { strings: $a = { ?F 45 } condition: $a }
rule hex_jump_fixed { strings: $a = { 61 [1] 63 } condition: #a == 3 }
rule hex_jump_range { strings: $a = { 61 [0-4] 63 } condition: #a == 3 }
rule hex_jump_large { strings: $a = { 41 42 [30000-45000] 43 44 } condition: $a at 0 }
rule hex_jump_unbounded { strings: $a = { 45 46 [-] 47 48 } condition: $a }
rule hex_jump_open { strings: $a = { 41 42 [100-] 43 44 } condition: $a }
rule hex_alternatives { strings: $a = { 01 ( 02 | 09 ) 03 04 } condition: #a == 2 }
rule hex_alt_lengths { strings: $a = { 01 ( 02 03 | 02 FF ) 04 } condition: #a == 2 }
rule hex_nested_alt { strings: $a = { 01 ( 02 ( 03 | FF ) | 09 03 ) 04 } condition: #a == 3 }
rule hex_all_bytes { strings: $a = { 00 01 02 03 04 05 06 07 } condition: #a == 4 }
rule hex_alt_jump { strings: $a = { 10 ( 20 | 21 ) [0-2] 30 } condition: $a }
rule hex_comment { strings: $a = { 4D 5A // DOS header
    90 00 /* and more */ } condition: $a }

// ---- regular expressions
rule re_plus { strings: $a = /b+/ condition: #a == 4 }
rule re_dot_newline { strings: $a = /foo.bar/ condition: $a }
rule re_dot_all { strings: $a = /foo.bar/s condition: #a == 3 }
rule re_nocase_flag { strings: $a = /needle/i condition: #a == 2 }
rule re_class { strings: $a = /id=[0-9]+/ condition: #a == 3 }
rule re_class_fullword { strings: $a = /id=[0-9]+/ fullword condition: #a == 2 }
rule re_digits { strings: $a = /\d{3,5}/ condition: #a >= 3 }
rule re_word { strings: $a = /\bcat\b/ condition: #a == 2 }
rule re_not_word { strings: $a = /\Bcat/ condition: #a == 1 }
rule re_anchor_start { strings: $a = /^start/ condition: $a }
rule re_anchor_end { strings: $a = /end$/ condition: $a }
rule re_anchor_end_miss { strings: $a = /middle$/ condition: $a }
rule re_alternation { strings: $a = /(cat|mat|sat)\b/ condition: #a == 4 }
rule re_top_alternation { strings: $a = /concat|categ/ condition: #a == 2 }
rule re_group_repeat { strings: $a = /(ab){3}/ condition: #a == 2 }
rule re_group_repeat_range { strings: $a = /(cd){2,}/ condition: $a }
rule re_optional { strings: $a = /colou?r/ condition: $a }
rule re_lazy { strings: $a = /a.+?b/ condition: $a }
rule re_negated_class { strings: $a = /id=[^0-9]/ condition: $a }
rule re_hex_escape { strings: $a = /\x7fELF/ condition: $a at 0 }
rule re_space { strings: $a = /line\s+third/ condition: $a }
rule re_tab { strings: $a = /third\tline/ condition: $a }
rule re_wide { strings: $a = /Hel+o/ wide condition: $a }
rule re_wide_nocase { strings: $a = /a[a-z]c/ wide nocase condition: #a == 2 }
rule re_range_max { strings: $a = /x{4000}needle/ condition: $a }
rule re_too_far { strings: $a = /x.{5000}needle/ condition: $a }
rule re_nocase_modifier { strings: $a = /NeEdLe/ nocase condition: #a == 2 }
rule re_hex_like { strings: $a = /0x[0-9a-f]{8}/ condition: $a }
rule re_question_class { strings: $a = /[?]>/ condition: $a }
rule re_escaped_slash { strings: $a = /\/\/ eval/ condition: $a }
rule re_class_range_escape { strings: $a = /[\x01-\x03]{3}\x04/ condition: #a == 5 }
rule re_dollar_class { strings: $a = /\$_POST\[/ condition: $a }
rule re_brace_literal { strings: $a = /a{,2}b/ condition: $a }

// ---- conditions
rule c_filesize { condition: filesize > 1KB and filesize < 100KB }
rule c_filesize_mb { condition: filesize < 1MB and filesize > 50KB }
rule c_empty { condition: filesize == 0 }
rule c_uint16 { condition: uint16(0) == 0x5A4D }
rule c_uint32_pe { condition: uint16(0) == 0x5A4D and uint32(uint32(0x3C)) == 0x00004550 }
rule c_uint32be { condition: uint32be(0) == 0x7F454C46 }
rule c_uint8 { condition: uint8(4) == 2 and uint16be(4) == 0x0201 }
rule c_int8 { condition: int8(0) < 0 }
rule c_int32 { condition: int32(0) == 0x03020100 }
rule c_undefined_read { condition: uint32(filesize) == 0 }
rule c_not_undefined { condition: not (uint32(filesize) == 0) }
rule c_undefined_and { condition: not (uint32(filesize) == 0 and true) }
rule c_undefined_or { condition: uint32(filesize) == 0 or filesize >= 0 }
rule c_defined { condition: not defined uint8(filesize) and defined uint8(0) }
rule c_arith { condition: 3 \ 2 == 1 and -7 \ 2 == -3 and 7 % -3 == 1 and 1 << 65 == 0 and (2 + 3) * 4 == 20 }
rule c_bitwise { condition: ~0 == -1 and 6 & 3 == 2 and 6 | 3 == 7 and 6 ^ 3 == 5 and -8 >> 1 == -4 }
rule c_numbers { condition: 0x10 == 16 and 0o10 == 8 and 1KB == 1024 and 2MB == 2097152 }
rule c_div_zero { condition: not defined (1 \ (filesize - filesize)) }
rule c_any_of { strings: $a = "cat" $b = "dog" condition: any of them }
rule c_all_of { strings: $a = "cat" $b = "mat" condition: all of them }
rule c_none_of { strings: $a = "cat" $b = "dog" condition: none of them }
rule c_n_of { strings: $a = "cat" $b = "mat" $c = "dog" condition: 2 of them }
rule c_n_of_wild { strings: $x1 = "line" $x2 = "last" $y = "first" condition: 2 of ($x*) and $y }
rule c_n_of_list { strings: $a = "abc" $b = "bca" $c = "zzz" condition: 2 of ($a, $c) or $b and 1 of ($a, $c) }
rule c_percent { strings: $a = "abc" $b = "cab" $c = "zzz" $d = "qqq" condition: 50% of them }
rule c_count_compare { strings: $a = "a" condition: #a > 3 and #a < 100 }
rule c_offset_compare { strings: $a = "foo" condition: @a[1] < 12 and @a[2] > 12 }
rule c_offset_missing { strings: $a = "foo" condition: @a[10] > 0 or not defined @a[10] }
rule c_for_of { strings: $a = "start" $b = "end" condition: for any of them : ( $ at 0 ) }
rule c_for_all_of { strings: $a = "abc" $b = "bca" condition: for all of ($a, $b) : ( # > 1 ) }
rule c_for_in { strings: $a = "a" condition: for all i in (1..#a) : ( @a[i] < 4 ) }
rule c_for_in_any { strings: $a = "abc" condition: for any i in (1..#a) : ( @a[i] == 6 ) }
rule c_for_in_list { condition: for any i in (1, 2, 3) : ( uint8(i) == 0x5A ) }
rule c_for_in_empty { condition: for all i in (5..4) : ( false ) }
rule c_for_anon_len { strings: $a = "ab" $b = "cd" condition: for all of them : ( ! == 2 ) }
rule c_rule_ref { condition: text_plain and not hex_plain }
rule c_true { condition: true }
rule c_int_truth { condition: filesize }
private rule c_private_helper { strings: $a = "needle" condition: $a }
rule c_uses_private { condition: c_private_helper and filesize > 10000 }
rule c_tags : tag_one tag_two { meta: author = "drydock" score = -5 flag = true strings: $a = "xyzzy" condition: $a }
rule c_anonymous { strings: $ = "cat" $ = "mat" condition: all of them }

// ---- chained hex strings (jumps over 4 KiB, unbounded)
rule chain_unbounded_far { strings: $a = { 51 52 [-] 53 54 } condition: $a at 5 }
rule chain_open_min { strings: $a = { 51 52 [100000-] 53 54 } condition: $a }
rule chain_open_min_miss { strings: $a = { 51 52 [300000-] 53 54 } condition: $a }
rule chain_bounded_hit { strings: $a = { 55 56 [100000-160000] 57 58 } condition: #a == 1 }
rule chain_bounded_miss { strings: $a = { 55 56 [160000-170000] 57 58 } condition: $a }
rule chain_three { strings: $a = { 51 52 [-] 53 54 [0-10000] 55 56 [5-200000] 57 58 } condition: $a }
rule chain_short_and_long { strings: $a = { 55 56 [0-20] 57 58 } $b = { 55 56 [5000-6000] 57 58 } condition: #a == 1 and not $b }
