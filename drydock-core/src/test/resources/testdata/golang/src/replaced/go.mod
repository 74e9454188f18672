module example.com/replaced

go 1.19

require (
	example.com/localdep v1.5.0
	example.com/oldlog v1.0.0
)

replace example.com/localdep v1.5.0 => ./localdep

replace example.com/oldlog v1.0.0 => example.com/newlog v1.1.0
