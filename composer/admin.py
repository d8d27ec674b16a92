from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Draft, MessageTemplate, Order, Team, User


@admin.register(User)
class ComposerUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Team", {"fields": ("role", "team", "time_zone")}))
    list_display = ("username", "role", "team", "is_active")


admin.site.register(Team)
admin.site.register(Order)
admin.site.register(MessageTemplate)
admin.site.register(Draft)
